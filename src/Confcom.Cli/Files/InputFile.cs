namespace Confcom.Cli.Files;

/// <summary>
/// The checks every verb makes on a path it reads before handing it to a bounded reader: <c>-</c> is standard input
/// (the readers know it), a directory is refused naming the option, and read failures become one-line reasons that
/// name the option and the path instead of "Access to the path is denied".
/// </summary>
internal static class InputFile
{
    /// <summary>The path that means standard input (and, for outputs, standard output).</summary>
    public const string StandardStream = "-";

    public static bool IsStandardStream(string path) => path == StandardStream;

    /// <summary>Throws a <see cref="CliException"/> when <paramref name="path"/> cannot be a file to read.</summary>
    public static void Check(string option, string path, string what)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!IsStandardStream(path) && Directory.Exists(path))
        {
            throw new CliException($"{option} {path} is a directory; give {what} file (or - for standard input)");
        }
    }

    /// <summary>The one-line reason for an I/O failure reading <paramref name="path"/>.</summary>
    public static CliException ReadFailure(string option, string path, Exception failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var where = IsStandardStream(path) ? "standard input" : path;
        var reason = failure switch
        {
            FileNotFoundException or DirectoryNotFoundException => "no such file",
            UnauthorizedAccessException => "permission denied (run as a user that may read it)",
            _ => FailureText.OneLine(failure.Message).TrimEnd('.'),
        };
        return new CliException($"{option} {where}: cannot read it: {reason}");
    }
}
