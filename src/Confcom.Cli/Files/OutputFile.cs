namespace Confcom.Cli.Files;

/// <summary>
/// Writes a verb's output file: <c>-</c> is standard output, anything else is written atomically (a temp file in
/// the same folder, then a rename) so a reader never sees half a file. Failures name the option and the path.
/// </summary>
internal static class OutputFile
{
    public static bool IsStandardStream(string path) => InputFile.IsStandardStream(path);

    /// <summary>How the output is named in a verb's summary line.</summary>
    public static string Describe(string path) => IsStandardStream(path) ? "standard output" : Path.GetFullPath(path);

    public static Task WriteAsync(string option, string path, byte[] content, CancellationToken cancellationToken) =>
        WriteCoreAsync(option, path, content, cancellationToken);

    public static Task WriteTextAsync(string option, string path, string content, CancellationToken cancellationToken) =>
        WriteCoreAsync(option, path, System.Text.Encoding.UTF8.GetBytes(content), cancellationToken);

    public static void Write(string option, string path, byte[] content) =>
        WriteCoreAsync(option, path, content, CancellationToken.None).GetAwaiter().GetResult();

    public static void WriteText(string option, string path, string content) =>
        Write(option, path, System.Text.Encoding.UTF8.GetBytes(content));

    private static async Task WriteCoreAsync(string option, string path, byte[] content, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (IsStandardStream(path))
        {
            await using var stdout = Console.OpenStandardOutput();
            await stdout.WriteAsync(content, cancellationToken).ConfigureAwait(false);
            await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
            return;
        }
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new CliException($"{option} {path} is a directory; give a file name (or - for standard output)");
        }
        var directory = Path.GetDirectoryName(full) ?? "/";
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(directory);
            await File.WriteAllBytesAsync(temp, content, cancellationToken).ConfigureAwait(false);
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            // The message would name the temporary file, which the user never asked for.
            var reason = ex switch
            {
                UnauthorizedAccessException => "permission denied (choose a folder you may write)",
                FileNotFoundException or DirectoryNotFoundException => $"{directory} does not take new files (choose another folder)",
                _ => FailureText.OneLine(ex.Message).Replace(temp, full, StringComparison.Ordinal).TrimEnd('.'),
            };
            throw new CliException($"{option} {path}: cannot write it: {reason}");
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Nothing was created, or the folder refuses us: either way there is nothing left to clean.
        }
    }
}
