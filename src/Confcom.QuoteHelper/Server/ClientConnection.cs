using System.Net.Sockets;

namespace Confcom.QuoteHelper.Server;

/// <summary>
/// One accepted client. Until its whole request has arrived it is idle, and evictable while a read waits on it; then it
/// is busy. Its token fires at the request deadline, when it is evicted or when the server stops
/// (<see cref="WasEvicted"/> tells eviction apart).
/// </summary>
internal sealed class ClientConnection : IDisposable
{
    private readonly CancellationTokenSource _cancel;
    private int _closeReason;

    public ClientConnection(Socket socket, long acceptedAt, TimeSpan requestDeadline, CancellationToken stopping)
    {
        Socket = socket;
        AcceptedAt = acceptedAt;
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _cancel.CancelAfter(requestDeadline);
    }

    public Socket Socket { get; }

    /// <summary>Stopwatch timestamp of the accept: eviction drops the oldest idle connection first.</summary>
    public long AcceptedAt { get; }

    /// <summary>Cancelled at the request deadline, on eviction and on stop.</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>Where this connection sits in the idle list while it is idle (owned by <see cref="OpenConnections"/>).</summary>
    internal LinkedListNode<ClientConnection>? IdleNode { get; set; }

    /// <summary>Counted in <see cref="OpenConnections"/> until removed (guards against removing twice).</summary>
    internal bool Counted { get; set; }

    /// <summary>A read is waiting for the client's bytes (owned by <see cref="OpenConnections"/>).</summary>
    internal bool Waiting { get; set; }

    /// <summary>The client has sent at least one byte (set by the reader before it waits again).</summary>
    internal bool ReceivedAny { get; set; }

    public bool WasEvicted => Volatile.Read(ref _closeReason) == 1;

    /// <summary>
    /// Drops the connection now: the socket is closed at once (so the descriptor is free for the newcomer that
    /// needed its place) and the task serving it sees its token cancelled.
    /// </summary>
    public void Evict()
    {
        Interlocked.CompareExchange(ref _closeReason, 1, 0);
        try
        {
            _cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
        Socket.Dispose();
    }

    public void Dispose()
    {
        Socket.Dispose();
        _cancel.Dispose();
    }
}
