using System.Net.Sockets;

namespace Confcom.QuoteHelper.Tests.Support;

/// <summary>
/// A hostile local process's connections: each sends a partial frame (a length prefix, or a prefix and part of the
/// body) and then waits, or drips one byte at a time. The socket is 0777, so anyone may do this.
/// </summary>
public sealed class IdleCrowd : IAsyncDisposable
{
    private readonly List<Socket> _sockets = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _drippers = [];

    public IReadOnlyList<Socket> Sockets => _sockets;

    /// <summary>Opens <paramref name="count"/> connections that each send a length prefix of 1,000 bytes and 3 body bytes, then wait.</summary>
    public async Task AddIdleAsync(string socketPath, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var socket = await ConnectAsync(socketPath);
            await socket.SendAsync(new byte[] { 0xe8, 0x03, 0, 0, 0x0a, 0x01, 0x00 }, SocketFlags.None);
        }
    }

    /// <summary>
    /// Opens <paramref name="count"/> connections that each send one byte of a 1,000-byte frame every
    /// <paramref name="interval"/>, for as long as the server keeps them.
    /// </summary>
    public async Task AddDrippingAsync(string socketPath, int count, TimeSpan interval)
    {
        for (var i = 0; i < count; i++)
        {
            var socket = await ConnectAsync(socketPath);
            _drippers.Add(DripAsync(socket, interval, _stop.Token));
        }
    }

    /// <summary>True when the server has closed this connection (a read would return end of stream).</summary>
    public static bool ClosedByServer(Socket socket)
    {
        try
        {
            return socket.Poll(0, SelectMode.SelectRead) && socket.Available == 0;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_drippers);
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }
        _stop.Dispose();
    }

    private async Task<Socket> ConnectAsync(string socketPath)
    {
        using var safetyNet = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), safetyNet.Token);
                _sockets.Add(socket);
                return socket;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.TryAgain or SocketError.WouldBlock)
            {
                // A full listen backlog: Intel's blocking connect would wait, so does the crowd.
                socket.Dispose();
                await Task.Delay(1, safetyNet.Token);
            }
        }
    }

    private static async Task DripAsync(Socket socket, TimeSpan interval, CancellationToken stop)
    {
        var frame = new byte[1004];
        frame[0] = 0xe8;
        frame[1] = 0x03;
        try
        {
            for (var i = 0; i < frame.Length && !stop.IsCancellationRequested; i++)
            {
                await socket.SendAsync(frame.AsMemory(i, 1), SocketFlags.None, stop);
                await Task.Delay(interval, stop);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }
}
