using System.Collections.Concurrent;
using System.Net.Sockets;
using Confcom.Aesm.Protocol;
using Confcom.Aesm.Protocol.Messages;

namespace Confcom.Attestation.Tests.Client;

/// <summary>
/// A real Unix-socket AESM peer for client tests: reads one framed request per connection, records it, and answers
/// with whatever the test's script returns (a Response, or null to close without replying), or never answers.
/// </summary>
internal sealed class ScriptedAesmPeer : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly Func<Request, Response?> _script;
    private readonly bool _silent;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private readonly string _directory;
    private int _connections;

    public ScriptedAesmPeer(Func<Request, Response?> script, bool silent = false)
    {
        _script = script;
        _silent = silent;
        _directory = Path.Combine("/tmp", "cc-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_directory);
        SocketPath = Path.Combine(_directory, "aesm.socket");
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
        _listener.Listen(16);
        _acceptLoop = AcceptAsync();
    }

    public string SocketPath { get; }

    public ConcurrentQueue<Request> Requests { get; } = new();

    public int Connections => Volatile.Read(ref _connections);

    private async Task AcceptAsync()
    {
        var handlers = new List<Task>();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var connection = await _listener.AcceptAsync(_stop.Token);
                Interlocked.Increment(ref _connections);
                handlers.Add(ServeAsync(connection));
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }
        await Task.WhenAll(handlers);
    }

    private async Task ServeAsync(Socket connection)
    {
        using (connection)
        {
            try
            {
                var body = await AesmFrame.ReadAsync(connection, AesmFrame.DefaultMaxBodyBytes, _stop.Token);
                if (body is null)
                {
                    return;
                }
                var request = AesmMessageCodec.ParseRequest(body);
                Requests.Enqueue(request);
                if (_silent)
                {
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                }
                if (_script(request) is { } response)
                {
                    await connection.SendAsync(AesmFrame.Encode(response), SocketFlags.None, _stop.Token);
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (SocketException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _acceptLoop;
        _stop.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
