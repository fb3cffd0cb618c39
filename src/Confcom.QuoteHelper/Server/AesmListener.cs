using System.Net.Sockets;

namespace Confcom.QuoteHelper.Server;

/// <summary>
/// The AESM Unix socket, bound the way aesmd binds it (bind, chmod 0777 so any container user can connect, listen)
/// with three differences that keep the node's files and a running service safe:
/// <list type="bullet">
/// <item>Only a socket on which nothing answers is replaced. A live socket throws <see cref="AesmSocketInUseException"/>
/// and anything that is not a socket (a regular file, a directory, a symbolic link) throws
/// <see cref="AesmSocketPathOccupiedException"/>, untouched: <c>--socket</c> naming the wrong path must not cost a file.</item>
/// <item>The socket is bound under a unique hidden name in the same directory and then renamed onto the path. The path
/// is never missing while a stale socket is replaced (rename is atomic), and .NET, which unlinks a Unix socket's bound
/// path when the socket is disposed, only ever unlinks that hidden name, never what someone later put at the path.</item>
/// <item>The hidden name is the listener's identity: the kernel reports it (getpeername) to every client that reaches
/// this socket, so <see cref="Inspect"/> can tell for certain whether the path still leads here.</item>
/// </list>
/// Linux only, like Intel's client: the file type comes from statx.
/// </summary>
internal sealed class AesmListener : IDisposable
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    private AesmListener(Socket socket, string path, string boundName, FileStatx identity, bool replacedStale)
    {
        Socket = socket;
        Path = path;
        BoundName = boundName;
        Identity = identity;
        ReplacedStale = replacedStale;
    }

    public Socket Socket { get; }

    /// <summary>The full socket path clients dial.</summary>
    public string Path { get; }

    /// <summary>The unique name the socket was bound under (renamed away since); clients see it as their peer address.</summary>
    public string BoundName { get; }

    /// <summary>The inode at <see cref="Path"/> when this listener last confirmed it was there.</summary>
    public FileStatx Identity { get; private set; }

    /// <summary>True when a stale socket (nothing answered on it) was replaced.</summary>
    public bool ReplacedStale { get; }

    /// <summary>
    /// Binds and listens at <paramref name="path"/>, creating its directory (0755, like aesmd's systemd unit) when missing.
    /// </summary>
    public static AesmListener Bind(string path, int backlog)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(directory);
        // A few attempts, for the case where something appears at the path between the check and the rename.
        for (var attempt = 1; ; attempt++)
        {
            var existing = Stat(fullPath);
            if (existing is { } found)
            {
                if (!found.IsSocket)
                {
                    throw new AesmSocketPathOccupiedException(fullPath, found.Describe());
                }
                if (Probe(fullPath).Answered)
                {
                    throw new AesmSocketInUseException(fullPath);
                }
            }
            var boundName = System.IO.Path.Combine(directory, "." + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4)));
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                socket.Bind(new UnixDomainSocketEndPoint(boundName));
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(boundName, (UnixFileMode)0b111_111_111);
                }
                socket.Listen(backlog);
                if (existing is { } stale)
                {
                    // Replace only the very socket that was found stale; rename(2) swaps it atomically.
                    if (Stat(fullPath) is not { } again || !again.IsSameInodeAs(stale))
                    {
                        socket.Dispose();
                        if (attempt < 3)
                        {
                            continue;
                        }
                        throw new IOException($"{fullPath} keeps changing while the quote helper binds it; is another process creating it?");
                    }
                    File.Move(boundName, fullPath, overwrite: true);
                }
                else
                {
                    // link(2) + unlink: fails rather than replace anything that appeared meanwhile.
                    try
                    {
                        File.Move(boundName, fullPath, overwrite: false);
                    }
                    catch (IOException) when (attempt < 3 && Stat(fullPath) is not null)
                    {
                        socket.Dispose();
                        continue;
                    }
                }
                var identity = Stat(fullPath) ?? throw new IOException($"{fullPath} disappeared right after it was bound");
                return new AesmListener(socket, fullPath, boundName, identity, replacedStale: existing is not null);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
    }

    /// <summary>
    /// What the path holds now. Without <paramref name="probe"/>, an unchanged inode and change time are taken as
    /// ours without connecting (the cheap periodic check); anything else, or a <paramref name="probe"/>, connects and
    /// asks the kernel which socket answered.
    /// </summary>
    public AesmSocketPathState Inspect(bool probe)
    {
        var now = Stat(Path);
        if (now is not { } found)
        {
            return AesmSocketPathState.Missing;
        }
        if (!found.IsSocket)
        {
            return AesmSocketPathState.NotASocket;
        }
        if (!probe && found.IsSameInodeAs(Identity)
            && found.ChangeTimeSeconds == Identity.ChangeTimeSeconds && found.ChangeTimeNanoseconds == Identity.ChangeTimeNanoseconds)
        {
            return AesmSocketPathState.Ours;
        }
        var answer = Probe(Path);
        if (answer.Peer == BoundName)
        {
            // Still ours (e.g. someone chmod'ed it, which changes its change time): remember the new status.
            Identity = found;
            return AesmSocketPathState.Ours;
        }
        return answer.Answered ? AesmSocketPathState.Foreign : AesmSocketPathState.Stale;
    }

    /// <summary>What is at the path, described for messages ("a regular file", "nothing").</summary>
    public string DescribePath() => Stat(Path) is { } found ? found.Describe() : "nothing";

    /// <summary>Removes the socket file when the path still leads to this listener (call before <see cref="Dispose"/>).</summary>
    public bool DeleteIfOurs()
    {
        if (Inspect(probe: true) != AesmSocketPathState.Ours)
        {
            return false;
        }
        File.Delete(Path);
        return true;
    }

    public void Dispose() => Socket.Dispose();

    private static FileStatx? Stat(string path) => FileStatx.Query(path, followLinks: false);

    /// <summary>Connects once: whether something accepted the connection and, if so, the address it was bound under.</summary>
    private static (bool Answered, string? Peer) Probe(string path)
    {
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        using var timeout = new CancellationTokenSource(ProbeTimeout);
        try
        {
            probe.ConnectAsync(new UnixDomainSocketEndPoint(path), timeout.Token).AsTask().GetAwaiter().GetResult();
            return (true, probe.RemoteEndPoint?.ToString());
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.TryAgain or SocketError.WouldBlock)
        {
            // A full listen backlog: a live service, just busy.
            return (true, null);
        }
        catch (SocketException)
        {
            // ECONNREFUSED (bound, nobody listening: left by a killed process), ENOENT (gone meanwhile).
            return (false, null);
        }
        catch (OperationCanceledException)
        {
            return (true, null);
        }
    }
}
