namespace Confcom.QuoteHelper.Server;

/// <summary>
/// The socket path holds something that is not a socket (a regular file, a directory, a symbolic link…). The quote
/// helper never deletes such a file: it may be someone's data, and --socket may simply name the wrong path.
/// </summary>
public sealed class AesmSocketPathOccupiedException : Exception
{
    public AesmSocketPathOccupiedException(string socketPath, string found)
        : base($"{socketPath} exists and is {found}, not a socket; refusing to touch it: move or remove it by hand if it is not needed, or pass a different --socket")
    {
        SocketPath = socketPath;
        Found = found;
    }

    public string SocketPath { get; }

    /// <summary>What the path is, e.g. "a regular file".</summary>
    public string Found { get; }
}
