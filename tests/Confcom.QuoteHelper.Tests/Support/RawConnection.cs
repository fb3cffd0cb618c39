using System.Net.Sockets;
using Confcom.Aesm.Protocol;

namespace Confcom.QuoteHelper.Tests.Support;

/// <summary>A hand-driven client connection for sending malformed or partial frames.</summary>
public sealed class RawConnection : IDisposable
{
    private static readonly TimeSpan SafetyNet = TimeSpan.FromSeconds(30);

    private RawConnection(Socket socket) => Socket = socket;

    public Socket Socket { get; }

    public static async Task<RawConnection> ConnectAsync(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(path));
        return new RawConnection(socket);
    }

    public Task SendAsync(byte[] bytes) => Socket.SendAsync(bytes, SocketFlags.None);

    /// <summary>Reads one reply frame body; null when the server closed without replying.</summary>
    public async Task<byte[]?> ReadReplyAsync()
    {
        using var cts = new CancellationTokenSource(SafetyNet);
        return await AesmFrame.ReadAsync(Socket, 64 * 1024 * 1024, cts.Token);
    }

    /// <summary>Everything the server sends until it closes.</summary>
    public async Task<byte[]> ReadToEndAsync()
    {
        using var cts = new CancellationTokenSource(SafetyNet);
        var all = new MemoryStream();
        var buffer = new byte[8192];
        int n;
        try
        {
            while ((n = await Socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token)) > 0)
            {
                all.Write(buffer, 0, n);
            }
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
        }
        return all.ToArray();
    }

    public void Dispose() => Socket.Dispose();
}
