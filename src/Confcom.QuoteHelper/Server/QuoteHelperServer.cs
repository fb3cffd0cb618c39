using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using Confcom.Aesm.Protocol;
using Confcom.Aesm.Quoting;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Confcom.QuoteHelper.Server;

/// <summary>
/// The AESM-compatible quote helper: accepts connections on the Unix socket, reads one framed request per
/// connection, answers it through <see cref="AesmRequestDispatcher"/> and closes.
/// <para>The socket is 0777 (it must be, like aesmd's), so every local process may connect, including hostile ones.
/// Idle and dripping clients therefore never hold the service: each connection has one deadline for its whole request
/// (<see cref="QuoteHelperOptions.ClientRequestTimeout"/>, well under Intel's 15 s client deadline), accepting does not
/// wait for them, and at <see cref="QuoteHelperOptions.MaxConcurrentConnections"/> the oldest idle connection waiting
/// on its client is dropped to make room (<see cref="OpenConnections"/>). A real client sends its whole request at
/// once, so its read never waits on it.</para>
/// <para>The socket path is watched (inotify and a poll): when it is deleted, or replaced by a stale socket, the
/// helper binds it again; while the path does not lead here (also when something else took it, which is never
/// touched) <see cref="SocketProblem"/> says why and <c>/healthz</c> is unhealthy.</para>
/// Stopping closes the listener, lets requests already read finish and removes the socket file if it is still ours.
/// </summary>
public sealed partial class QuoteHelperServer : IAsyncDisposable
{
    private static readonly TimeSpan AcceptRetryDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan ClientWarningInterval = TimeSpan.FromSeconds(60);

    private readonly QuoteHelperOptions _options;
    private readonly AesmRequestDispatcher _dispatcher;
    private readonly QuoteHelperMetrics _metrics;
    private readonly ILogger _logger;
    private readonly IQuotingEnclave _enclave;
    private readonly OpenConnections _connections;
    private readonly SemaphoreSlim _requestSlots;
    private readonly CancellationTokenSource _stopReading = new();
    private readonly ConcurrentDictionary<Task, byte> _inFlight = new();
    private readonly ConcurrentDictionary<Task, byte> _acceptLoops = new();
    private readonly LogThrottle _clientWarnings = new(ClientWarningInterval);
    private readonly Lock _listenerLock = new();
    private readonly Lock _checkLock = new();
    private AesmListener? _listener;
    private AesmSocketWatcher? _watcher;
    private Task? _socketLoop;
    private volatile string? _socketProblem;

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
        _connections = new OpenConnections(options.MaxConcurrentConnections);
        _requestSlots = new SemaphoreSlim(options.MaxConcurrentRequests, options.MaxConcurrentRequests);
    }

    public string SocketPath => _options.SocketPath;

    /// <summary>True between a successful start and the beginning of a stop.</summary>
    public bool IsListening => _listener is not null && !_stopReading.IsCancellationRequested;

    /// <summary>
    /// Null while the socket path leads to this helper; otherwise why it does not (deleted and not yet bound again,
    /// replaced by a file or by another service). <c>/healthz</c> reports it.
    /// </summary>
    public string? SocketProblem => _socketProblem;

    /// <summary>Connections open now (idle ones included).</summary>
    internal int OpenConnectionCount => _connections.Count;

    /// <summary>Idle connections whose read is waiting on their client (the eviction candidates).</summary>
    internal int WaitingConnectionCount => _connections.WaitingCount;

    /// <summary>Checks the socket path now, as an inotify event would (tests use it to avoid waiting for the poll).</summary>
    internal void CheckSocketNow(bool probe) => CheckSocket(probe);

    /// <summary>
    /// Binds the socket and starts accepting. Throws <see cref="AesmSocketInUseException"/> if another service answers
    /// there and <see cref="AesmSocketPathOccupiedException"/> if the path is not a socket.
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_listener is not null)
        {
            throw new InvalidOperationException("the quote helper is already started");
        }
        cancellationToken.ThrowIfCancellationRequested();
        var listener = AesmListener.Bind(_options.SocketPath, _options.ListenBacklog);
        if (listener.ReplacedStale)
        {
            LogReplacedStaleSocket(listener.Path);
        }
        lock (_listenerLock)
        {
            _listener = listener;
        }
        _metrics.SocketBound(true);
        StartAcceptLoop(listener);
        _watcher = new AesmSocketWatcher(listener.Path,
            reason => LogWatchUnavailable(Path.GetDirectoryName(_options.SocketPath) ?? ".", reason, _options.SocketCheckInterval.TotalSeconds));
        _socketLoop = Task.Run(WatchSocketAsync, CancellationToken.None);
        LogListening(listener.Path, _enclave.Name, _options.MaxRequestBytes);
        return Task.CompletedTask;
    }

    /// <summary>Stops accepting, waits for requests already read to be answered, removes the socket file if still ours.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        AesmListener? listener;
        lock (_listenerLock)
        {
            listener = _listener;
        }
        if (listener is null || _stopReading.IsCancellationRequested)
        {
            return;
        }
        await _stopReading.CancelAsync().ConfigureAwait(false);
        if (_socketLoop is not null)
        {
            await _socketLoop.ConfigureAwait(false);
        }
        _watcher?.Dispose();
        // A check in progress may still rebind; after it, none starts (they see the stop).
        lock (_checkLock)
        {
            lock (_listenerLock)
            {
                listener = _listener!;
            }
        }
        // Only our own socket is removed: someone may have put another service or a file at the path meanwhile.
        var removed = TryDeleteOwnSocket(listener);
        listener.Dispose();
        await Task.WhenAll(_acceptLoops.Keys).ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_inFlight.Keys).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            LogStopAbandoned(_inFlight.Count, listener.Path);
        }
        _metrics.SocketBound(false);
        if (removed)
        {
            LogStopped(listener.Path);
        }
    }

    /// <summary>
    /// Stops (see <see cref="StopAsync"/>). The semaphore and token source are left to the GC: requests abandoned
    /// by a stop deadline may still release their slot after this returns.
    /// </summary>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private void StartAcceptLoop(AesmListener listener)
    {
        var loop = AcceptLoopAsync(listener);
        _acceptLoops.TryAdd(loop, 0);
        _ = loop.ContinueWith(t => _acceptLoops.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task AcceptLoopAsync(AesmListener listener)
    {
        await Task.Yield();
        while (!_stopReading.IsCancellationRequested)
        {
            Socket client;
            try
            {
                // Waits only while every connection has sent a complete request (idle ones are dropped instead).
                await _connections.WaitForRoomAsync(_stopReading.Token).ConfigureAwait(false);
                client = await listener.Socket.AcceptAsync(_stopReading.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (Exception) when (!IsCurrent(listener))
            {
                // Replaced by a rebind and closed: its successor accepts now.
                return;
            }
            catch (Exception e)
            {
                // EMFILE and friends: keep the daemon alive and retry shortly rather than spin.
                LogAcceptFailed(e, listener.Path);
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
            var connection = new ClientConnection(client, Stopwatch.GetTimestamp(), _options.ClientRequestTimeout, _stopReading.Token);
            _metrics.ConnectionOpened();
            _metrics.ConnectionIdle();
            if (_connections.Add(connection) is not null)
            {
                Reject("evicted");
                WarnAboutClient(() => LogEvicted(listener.Path, _options.MaxConcurrentConnections), listener.Path);
            }
            var task = ServeConnectionAsync(connection, listener.Path);
            _inFlight.TryAdd(task, 0);
            _ = task.ContinueWith(t => _inFlight.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private bool IsCurrent(AesmListener listener)
    {
        lock (_listenerLock)
        {
            return ReferenceEquals(listener, _listener);
        }
    }

    private async Task ServeConnectionAsync(ClientConnection connection, string socketPath)
    {
        await Task.Yield();
        var idle = true;
        var holdsRequestSlot = false;
        try
        {
            var body = await ReadRequestAsync(connection, socketPath).ConfigureAwait(false);
            if (body is null || !_connections.MarkBusy(connection))
            {
                return;
            }
            idle = false;
            _metrics.ConnectionNotIdle();
            Aesm.Protocol.Messages.Request request;
            try
            {
                request = AesmMessageCodec.ParseRequest(body);
            }
            catch (InvalidProtocolBufferException e)
            {
                Reject("not_protobuf");
                WarnAboutClient(() => LogNotProtobuf(body.Length, socketPath, e.Message), socketPath);
                return;
            }
            // Answering is not cancelled by a stop: a request already read is finished, as SIGTERM promises.
            await _requestSlots.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            holdsRequestSlot = true;
            var response = await _dispatcher.DispatchAsync(request, CancellationToken.None).ConfigureAwait(false);
            if (response is null)
            {
                // aesmd's "Malformed request": no recognised sub-message, closed without a reply.
                Reject("unrecognised");
                WarnAboutClient(() => LogUnrecognised(body.Length, socketPath), socketPath);
                return;
            }
            await SendReplyAsync(connection.Socket, AesmFrame.Encode(response), socketPath).ConfigureAwait(false);
        }
        catch (Exception e) when (connection.WasEvicted && e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Dropped to make room; already counted.
        }
        catch (SocketException e)
        {
            LogClientGone(e.SocketErrorCode, socketPath);
        }
        catch (Exception e)
        {
            LogConnectionCrashed(e, socketPath);
        }
        finally
        {
            if (holdsRequestSlot)
            {
                _requestSlots.Release();
            }
            if (idle)
            {
                _metrics.ConnectionNotIdle();
            }
            _connections.Remove(connection);
            connection.Dispose();
            _metrics.ConnectionClosed();
        }
    }

    private async Task<byte[]?> ReadRequestAsync(ClientConnection connection, string socketPath)
    {
        try
        {
            return await ClientRequestReader.ReadAsync(connection, _connections, _options.MaxRequestBytes).ConfigureAwait(false);
        }
        catch (Exception e) when (connection.WasEvicted && e is SocketException or ObjectDisposedException or OperationCanceledException or AesmFrameException)
        {
            return null;
        }
        catch (AesmFrameException e)
        {
            Reject(e.Error switch { AesmFrameError.Empty => "empty", AesmFrameError.TooLarge => "too_large", _ => "truncated" });
            WarnAboutClient(() => LogBadFrame(e.Error, socketPath, e.Message), socketPath);
            return null;
        }
        catch (OperationCanceledException) when (!_stopReading.IsCancellationRequested)
        {
            Reject("timeout");
            WarnAboutClient(() => LogClientTimedOut(_options.ClientRequestTimeout.TotalSeconds, socketPath), socketPath);
            return null;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>A client that stops reading (a reply can be up to 1 MiB) must not hold its connection slot forever.</summary>
    private async Task SendReplyAsync(Socket client, byte[] frame, string socketPath)
    {
        using var deadline = new CancellationTokenSource(_options.ClientRequestTimeout);
        try
        {
            await client.SendAsync(frame, SocketFlags.None, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Reject("reply_timeout");
            WarnAboutClient(() => LogReplyTimedOut(frame.Length, _options.ClientRequestTimeout.TotalSeconds, socketPath), socketPath);
        }
    }

    private void Reject(string reason) => _metrics.RecordRejected(reason);

    private void WarnAboutClient(Action log, string socketPath)
    {
        if (_clientWarnings.TryEnter(out var suppressed))
        {
            if (suppressed > 0)
            {
                LogHeldBack(suppressed, socketPath, ClientWarningInterval.TotalSeconds);
            }
            log();
        }
    }

    /// <summary>Re-checks the socket path on every inotify event on its name and at the poll interval.</summary>
    private async Task WatchSocketAsync()
    {
        var watcher = _watcher!;
        while (true)
        {
            bool eventSeen;
            try
            {
                eventSeen = await watcher.WaitAsync(_options.SocketCheckInterval, _stopReading.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                CheckSocket(probe: eventSeen);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogSocketCheckFailed(e, _options.SocketPath, _options.SocketCheckInterval.TotalSeconds);
            }
        }
    }

    private void CheckSocket(bool probe)
    {
        lock (_checkLock)
        {
            CheckSocketLocked(probe);
        }
    }

    private void CheckSocketLocked(bool probe)
    {
        AesmListener listener;
        lock (_listenerLock)
        {
            listener = _listener!;
        }
        if (_stopReading.IsCancellationRequested)
        {
            return;
        }
        var state = listener.Inspect(probe || _socketProblem is not null);
        if (state == AesmSocketPathState.Ours)
        {
            if (_socketProblem is not null)
            {
                // Someone put our socket back (e.g. moved it away and back).
                _socketProblem = null;
                _metrics.SocketBound(true);
                LogSocketRecovered(listener.Path);
            }
            return;
        }
        string problem;
        if (state is AesmSocketPathState.Missing or AesmSocketPathState.Stale)
        {
            var what = state == AesmSocketPathState.Missing ? "deleted" : "replaced by a stale socket";
            try
            {
                Rebind(listener, what);
                return;
            }
            catch (Exception e) when (e is AesmSocketPathOccupiedException or AesmSocketInUseException or IOException or UnauthorizedAccessException or SocketException)
            {
                problem = $"it was {what} and binding it again failed: {e.Message}";
            }
        }
        else if (state == AesmSocketPathState.Foreign)
        {
            problem = "another service now answers there; it is not taken over. Stop that service (only one AESM may serve a node) or restart this quote helper once the path is free";
        }
        else
        {
            problem = $"it was replaced by {listener.DescribePath()}, which is left untouched. Remove it by hand; the helper then binds the socket again";
        }
        if (problem != _socketProblem)
        {
            _socketProblem = problem;
            _metrics.SocketBound(false);
            LogSocketLost(listener.Path, problem);
        }
    }

    private void Rebind(AesmListener old, string what)
    {
        var fresh = AesmListener.Bind(_options.SocketPath, _options.ListenBacklog);
        lock (_listenerLock)
        {
            _listener = fresh;
        }
        StartAcceptLoop(fresh);
        // Its path leads elsewhere now; disposing it unlinks only its own hidden bound name.
        old.Dispose();
        _watcher!.Rewatch();
        _socketProblem = null;
        _metrics.SocketBound(true);
        _metrics.SocketRebound();
        LogSocketRebound(fresh.Path, what);
    }

    private bool TryDeleteOwnSocket(AesmListener listener)
    {
        try
        {
            if (listener.DeleteIfOurs())
            {
                return true;
            }
            LogSocketLeftInPlace(listener.Path, listener.DescribePath());
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogSocketNotRemoved(listener.Path, e.Message);
            return false;
        }
    }
}
