using System.Collections.Concurrent;
using System.Net.Sockets;
using Confcom.Aesm.Protocol;
using Confcom.Aesm.Quoting;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Confcom.QuoteHelper.Server;

/// <summary>
/// The AESM-compatible quote helper: accepts connections on the Unix socket, reads one framed request per
/// connection, answers it through <see cref="AesmRequestDispatcher"/> and closes. Connections are served
/// concurrently (bounded by <see cref="QuoteHelperOptions.MaxConcurrentConnections"/>); stopping closes the
/// listener, lets in-flight requests finish and removes the socket file.
/// </summary>
public sealed partial class QuoteHelperServer : IAsyncDisposable
{
    private static readonly TimeSpan AcceptRetryDelay = TimeSpan.FromMilliseconds(100);

    private readonly QuoteHelperOptions _options;
    private readonly AesmRequestDispatcher _dispatcher;
    private readonly QuoteHelperMetrics _metrics;
    private readonly ILogger _logger;
    private readonly IQuotingEnclave _enclave;
    private readonly SemaphoreSlim _connectionSlots;
    private readonly CancellationTokenSource _stopReading = new();
    private readonly ConcurrentDictionary<Task, byte> _inFlight = new();
    private Socket? _listener;
    private Task? _acceptLoop;

    public QuoteHelperServer(QuoteHelperOptions options, IQuotingEnclave enclave, QuoteHelperMetrics? metrics = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(enclave);
        options.Validate();
        loggerFactory ??= NullLoggerFactory.Instance;
        _options = options;
        _enclave = enclave;
        _metrics = metrics ?? new QuoteHelperMetrics(Prometheus.Metrics.NewCustomRegistry());
        _logger = loggerFactory.CreateLogger<QuoteHelperServer>();
        _dispatcher = new AesmRequestDispatcher(enclave, options, _metrics, loggerFactory.CreateLogger<AesmRequestDispatcher>());
        _connectionSlots = new SemaphoreSlim(options.MaxConcurrentConnections, options.MaxConcurrentConnections);
    }

    public string SocketPath => _options.SocketPath;

    /// <summary>True between a successful start and the beginning of a stop (what <c>/healthz</c> reports).</summary>
    public bool IsListening => _listener is not null && !_stopReading.IsCancellationRequested;

    /// <summary>Binds the socket and starts accepting. Throws <see cref="AesmSocketInUseException"/> if another service answers there.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_listener is not null)
        {
            throw new InvalidOperationException("the quote helper is already started");
        }
        cancellationToken.ThrowIfCancellationRequested();
        _listener = AesmListenSocket.Bind(_options.SocketPath, _options.ListenBacklog, out var replacedStale);
        if (replacedStale)
        {
            LogReplacedStaleSocket(_options.SocketPath);
        }
        LogListening(_options.SocketPath, _enclave.Name, _options.MaxRequestBytes);
        _acceptLoop = Task.Run(AcceptLoopAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Stops accepting, waits for requests already read to be answered, removes the socket file.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_listener is null)
        {
            return;
        }
        await _stopReading.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        if (_acceptLoop is not null)
        {
            await _acceptLoop.ConfigureAwait(false);
        }
        try
        {
            await Task.WhenAll(_inFlight.Keys).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            LogStopAbandoned(_inFlight.Count, _options.SocketPath);
        }
        TryDeleteSocketFile();
        _listener = null;
        LogStopped(_options.SocketPath);
    }

    /// <summary>
    /// Stops (see <see cref="StopAsync"/>). The semaphore and token source are left to the GC: requests abandoned
    /// by a stop deadline may still release their slot after this returns.
    /// </summary>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private async Task AcceptLoopAsync()
    {
        var listener = _listener!;
        while (!_stopReading.IsCancellationRequested)
        {
            Socket client;
            try
            {
                await _connectionSlots.WaitAsync(_stopReading.Token).ConfigureAwait(false);
                client = await listener.AcceptAsync(_stopReading.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (Exception e)
            {
                // EMFILE and friends: keep the daemon alive and retry shortly rather than spin.
                _connectionSlots.Release();
                LogAcceptFailed(e, _options.SocketPath);
                try
                {
                    await Task.Delay(AcceptRetryDelay, _stopReading.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                continue;
            }
            var task = ServeConnectionAsync(client);
            _inFlight.TryAdd(task, 0);
            _ = task.ContinueWith(t => _inFlight.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private async Task ServeConnectionAsync(Socket client)
    {
        await Task.Yield();
        _metrics.ConnectionOpened();
        try
        {
            var body = await ReadRequestAsync(client).ConfigureAwait(false);
            if (body is null)
            {
                return;
            }
            Aesm.Protocol.Messages.Request request;
            try
            {
                request = AesmMessageCodec.ParseRequest(body);
            }
            catch (InvalidProtocolBufferException e)
            {
                Reject("not_protobuf");
                LogNotProtobuf(body.Length, _options.SocketPath, e.Message);
                return;
            }
            // Answering is not cancelled by a stop: a request already read is finished, as SIGTERM promises.
            var response = await _dispatcher.DispatchAsync(request, CancellationToken.None).ConfigureAwait(false);
            if (response is null)
            {
                // aesmd's "Malformed request": no recognised sub-message, closed without a reply.
                Reject("unrecognised");
                LogUnrecognised(body.Length, _options.SocketPath);
                return;
            }
            await SendReplyAsync(client, AesmFrame.Encode(response)).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            LogClientGone(e.SocketErrorCode, _options.SocketPath);
        }
        catch (Exception e)
        {
            LogConnectionCrashed(e, _options.SocketPath);
        }
        finally
        {
            client.Dispose();
            _metrics.ConnectionClosed();
            _connectionSlots.Release();
        }
    }

    private async Task<byte[]?> ReadRequestAsync(Socket client)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_stopReading.Token);
        deadline.CancelAfter(_options.ClientRequestTimeout);
        try
        {
            return await AesmFrame.ReadAsync(client, _options.MaxRequestBytes, deadline.Token).ConfigureAwait(false);
        }
        catch (AesmFrameException e)
        {
            Reject(e.Error switch { AesmFrameError.Empty => "empty", AesmFrameError.TooLarge => "too_large", _ => "truncated" });
            LogBadFrame(e.Error, _options.SocketPath, e.Message);
            return null;
        }
        catch (OperationCanceledException) when (!_stopReading.IsCancellationRequested)
        {
            Reject("timeout");
            LogClientTimedOut(_options.ClientRequestTimeout.TotalSeconds, _options.SocketPath);
            return null;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>A client that stops reading (a reply can be up to 1 MiB) must not hold its connection slot forever.</summary>
    private async Task SendReplyAsync(Socket client, byte[] frame)
    {
        using var deadline = new CancellationTokenSource(_options.ClientRequestTimeout);
        try
        {
            await client.SendAsync(frame, SocketFlags.None, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Reject("reply_timeout");
            LogReplyTimedOut(frame.Length, _options.ClientRequestTimeout.TotalSeconds, _options.SocketPath);
        }
    }

    private void Reject(string reason) => _metrics.RecordRejected(reason);

    private void TryDeleteSocketFile()
    {
        try
        {
            File.Delete(_options.SocketPath);
        }
        catch (IOException e)
        {
            LogSocketNotRemoved(_options.SocketPath, e.Message);
        }
        catch (UnauthorizedAccessException e)
        {
            LogSocketNotRemoved(_options.SocketPath, e.Message);
        }
    }
}
