using System.Net.Sockets;

namespace Confcom.QuoteHelper.Server;

/// <summary>
/// Binds the AESM Unix socket the way aesmd does (unlink a stale path, bind, chmod 0777 so any container user can
/// connect, listen) but refuses to steal a path on which something still answers.
/// </summary>
internal static class AesmListenSocket
{
    /// <param name="replacedStale">true when a socket file nobody answered on was removed first.</param>
    public static Socket Bind(string path, int backlog, out bool replacedStale)
    {
        replacedStale = false;
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            // Usually a hostPath that already exists; created (0755, like aesmd's systemd unit) when it does not.
            Directory.CreateDirectory(directory);
        }
        if (File.Exists(path))
        {
            if (IsAnswering(path))
            {
                throw new AesmSocketInUseException(path);
            }
            // Left behind by a killed process: nothing listens, so replacing it harms no one.
            File.Delete(path);
            replacedStale = true;
        }
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Bind(new UnixDomainSocketEndPoint(path));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, (UnixFileMode)0b111_111_111);
            }
            socket.Listen(backlog);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static bool IsAnswering(string path)
    {
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionRefused or SocketError.AddressNotAvailable)
        {
            return false;
        }
    }
}
