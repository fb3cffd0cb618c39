using System.Net.Sockets;

namespace Confcom.Benchmarks.QuoteHelper;

/// <summary>
/// The floor under any AESM-style transport in .NET: a bare Unix-socket server that, per connection, reads a
/// request-sized payload and writes a reply-sized payload, with no framing, protobuf or dispatch. The quote helper
/// must open a connection per call (Intel's client does), so this is the best the socket path could do.
/// </summary>
internal sealed class RawExchangeFloor : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly byte[] _request;
    private readonly byte[] _reply;
    private readonly Task _acceptLoop;

    public RawExchangeFloor(string path, int requestSize, int replySize)
    {
        Path = path;
        _request = new byte[requestSize];
        _reply = new byte[replySize];
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(path));
        _listener.Listen(512);
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public string Path { get; }

    /// <summary>One client exchange: connect, send the request, read the whole reply, close.</summary>
    public async Task ExchangeAsync()
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(Path));
        await socket.SendAsync(_request, SocketFlags.None);
        await ReadAsync(socket, _reply.Length);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = Task.Run(async () =>
            {
                using (client)
                {
                    await ReadAsync(client, _request.Length);
                    await client.SendAsync(_reply, SocketFlags.None);
                }
            });
        }
    }

    private static async Task ReadAsync(Socket socket, int length)
    {
        var buffer = new byte[length];
        var total = 0;
        while (total < length)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(total), SocketFlags.None);
            if (n == 0)
            {
                return;
            }
            total += n;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _acceptLoop;
        _stop.Dispose();
    }
}
