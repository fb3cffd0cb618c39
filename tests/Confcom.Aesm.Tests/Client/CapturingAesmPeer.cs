using System.Net.Sockets;
using Confcom.Testing;

namespace Confcom.Aesm.Tests.Client;

/// <summary>
/// A scripted peer on a real Unix socket for client tests: records the raw bytes of the one request it gets, then
/// behaves as told (send fixed bytes, close, or stay silent).
/// </summary>
internal sealed class CapturingAesmPeer : IAsyncDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly Socket _listener;
    private readonly Task<byte[]> _served;
    private readonly CancellationTokenSource _stop = new();

    public CapturingAesmPeer(Func<byte[], byte[]?> reply, bool silent = false)
    {
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
        _listener.Listen(4);
        _served = ServeOnceAsync(reply, silent);
    }

    public string SocketPath => _directory.SocketPath;

    /// <summary>The full request frame the client sent (length prefix included).</summary>
    public Task<byte[]> RequestFrame => _served;

    private async Task<byte[]> ServeOnceAsync(Func<byte[], byte[]?> reply, bool silent)
    {
        using var client = await _listener.AcceptAsync(_stop.Token);
        var prefix = new byte[4];
        await ReadExactlyAsync(client, prefix);
        var body = new byte[BitConverter.ToUInt32(prefix)];
        await ReadExactlyAsync(client, body);
        var frame = Hex.Concat(prefix, body);
        if (silent)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, _stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
            return frame;
        }
        if (reply(frame) is { } bytes)
        {
            await client.SendAsync(bytes, SocketFlags.None);
        }
        client.Shutdown(SocketShutdown.Both);
        return frame;
    }

    private async Task ReadExactlyAsync(Socket socket, byte[] buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(total), SocketFlags.None, _stop.Token);
            if (n == 0)
            {
                throw new IOException("client closed early");
            }
            total += n;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        try
        {
            await _served;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
        {
        }
        _stop.Dispose();
        _directory.Dispose();
    }
}
