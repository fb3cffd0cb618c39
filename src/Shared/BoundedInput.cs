namespace Confcom;

/// <summary>
/// Reads a whole input, a file or standard input (<c>-</c>), counting while it reads and refusing as soon as it
/// passes a limit. <c>stat</c> cannot bound a read: devices, pipes and /proc files report a size of 0 or lie, so
/// <c>/dev/zero</c> would otherwise grow a buffer until the process dies. Linked into each project that reads
/// user-supplied files (one source, compiled as an internal type in each), like grpc-dotnet's <c>src/Shared</c>.
/// </summary>
internal static class BoundedInput
{
    /// <summary>The path that means standard input (or standard output, for writers).</summary>
    public const string StandardStream = "-";

    private const int ChunkBytes = 64 * 1024;

    public static bool IsStandardStream(string path) => path == StandardStream;

    /// <summary>How the input is named in messages: the path, or "standard input".</summary>
    public static string Describe(string path) => IsStandardStream(path) ? "standard input" : path;

    /// <summary>
    /// All bytes of <paramref name="path"/>, at most <paramref name="limit"/>. Throws <see cref="InputTooLargeException"/>
    /// (an <see cref="IOException"/>) naming the input and <paramref name="what"/> it should have been.
    /// </summary>
    public static byte[] ReadAllBytes(string path, int limit, string what)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        using var stream = Open(path);
        var buffer = new byte[InitialSize(stream, limit)];
        var filled = 0;
        while (true)
        {
            if (filled == buffer.Length)
            {
                if (buffer.Length > limit)
                {
                    throw new InputTooLargeException(Describe(path), limit, what);
                }
                Array.Resize(ref buffer, (int)Math.Min((long)limit + 1, (long)buffer.Length * 2));
            }
            var read = stream.Read(buffer, filled, buffer.Length - filled);
            if (read == 0)
            {
                break;
            }
            filled += read;
        }
        if (filled > limit)
        {
            throw new InputTooLargeException(Describe(path), limit, what);
        }
        return filled == buffer.Length ? buffer : buffer[..filled];
    }

    /// <summary>UTF-8 text of <paramref name="path"/>, at most <paramref name="limit"/> bytes (see <see cref="ReadAllBytes"/>).</summary>
    public static string ReadAllText(string path, int limit, string what) =>
        System.Text.Encoding.UTF8.GetString(ReadAllBytes(path, limit, what));

    private static Stream Open(string path) =>
        IsStandardStream(path)
            ? Console.OpenStandardInput()
            : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);

    /// <summary>A regular file's size is a good first guess (one read, no copy); anything else starts at one chunk.</summary>
    private static int InitialSize(Stream stream, int limit)
    {
        long guess = ChunkBytes;
        if (stream.CanSeek)
        {
            try
            {
                guess = Math.Max(stream.Length + 1, 1);
            }
            catch (IOException)
            {
            }
        }
        return (int)Math.Min(guess, (long)limit + 1);
    }
}

/// <summary>An input passed its size limit while being read; nothing beyond the limit was kept.</summary>
internal sealed class InputTooLargeException(string source, int limit, string what)
    : IOException($"{source} is larger than {limit:N0} bytes, far more than {what} can be; is this the right file?")
{
    public string Input { get; } = source;

    public int Limit { get; } = limit;
}
