namespace Confcom.QuoteHelper.Server;

/// <summary>
/// The connections the quote helper holds, the idle ones (no complete request yet) in accept order. At the limit a
/// newcomer takes the place of the oldest idle connection whose read is waiting on its client, so idle or dripping
/// clients can never keep a real client (which sends its whole request at once) out. Two kinds of idle connection are
/// spared, because they may be real clients: one whose request is in the socket buffer but not read yet (its read is
/// not waiting: this process's own delay under a burst), and one that has sent nothing yet and is younger than
/// <see cref="SilentGrace"/> (between a client's connect() and its write()). Accepting waits only while nothing can be
/// dropped: every connection has sent a complete request (real work, which ends within the quote time plus the reply
/// deadline) or is spared as above, which lasts at most <see cref="SilentGrace"/>.
/// </summary>
internal sealed class OpenConnections(int limit)
{
    /// <summary>
    /// How long a connection that has sent nothing is taken for a real client still between connect() and write().
    /// Intel's client writes right after connecting; a connection silent this long is idle on purpose.
    /// </summary>
    public static readonly TimeSpan SilentGrace = TimeSpan.FromMilliseconds(500);

    private static readonly long SilentGraceTicks = (long)(SilentGrace.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);

    private readonly Lock _lock = new();
    private readonly LinkedList<ClientConnection> _idle = new();
    private int _open;
    private int _waiting;
    private TaskCompletionSource _roomFreed = NewSignal();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _open;
            }
        }
    }

    public int WaitingCount
    {
        get
        {
            lock (_lock)
            {
                return _waiting;
            }
        }
    }

    /// <summary>Completes when a newcomer can be accepted: below the limit, or with an idle connection that may be dropped.</summary>
    public async Task WaitForRoomAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task freed;
            long recheckTicks;
            lock (_lock)
            {
                var now = System.Diagnostics.Stopwatch.GetTimestamp();
                if (_open < limit || OldestEvictableLocked(now, out recheckTicks) is not null)
                {
                    return;
                }
                freed = _roomFreed.Task;
            }
            if (recheckTicks == long.MaxValue)
            {
                await freed.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // A silent connection becomes droppable when its grace ends; nothing signals that, so look again then.
                var delay = TimeSpan.FromSeconds((double)recheckTicks / System.Diagnostics.Stopwatch.Frequency) + TimeSpan.FromMilliseconds(1);
                await Task.WhenAny(freed, Task.Delay(delay, cancellationToken)).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }

    /// <summary>Adds a newly accepted connection as idle; returns the connection dropped to make room, if any.</summary>
    public ClientConnection? Add(ClientConnection connection)
    {
        ClientConnection? evicted = null;
        lock (_lock)
        {
            if (_open >= limit && OldestEvictableLocked(System.Diagnostics.Stopwatch.GetTimestamp(), out _) is { } oldest)
            {
                evicted = oldest;
                RemoveLocked(evicted);
            }
            connection.IdleNode = _idle.AddLast(connection);
            connection.Counted = true;
            _open++;
        }
        evicted?.Evict();
        return evicted;
    }

    /// <summary>Called by the reader around every read that has to wait for the client's bytes.</summary>
    public void SetWaiting(ClientConnection connection, bool waiting)
    {
        TaskCompletionSource? signal = null;
        lock (_lock)
        {
            if (!connection.Counted || connection.IdleNode is null || connection.Waiting == waiting)
            {
                return;
            }
            connection.Waiting = waiting;
            _waiting += waiting ? 1 : -1;
            if (waiting)
            {
                signal = TakeSignalLocked();
            }
        }
        signal?.TrySetResult();
    }

    /// <summary>The connection's request is complete: it is no longer evictable. False when it was evicted meanwhile.</summary>
    public bool MarkBusy(ClientConnection connection)
    {
        lock (_lock)
        {
            if (!connection.Counted)
            {
                return false;
            }
            LeaveIdleLocked(connection);
            return true;
        }
    }

    public void Remove(ClientConnection connection)
    {
        TaskCompletionSource? signal;
        lock (_lock)
        {
            signal = RemoveLocked(connection);
        }
        signal?.TrySetResult();
    }

    /// <summary>
    /// The oldest idle connection that may be dropped (waiting on its client, and either it has sent part of a frame or
    /// its silent grace is over); usually the first, so this is O(1) in practice. <paramref name="recheckTicks"/> is
    /// how long until a spared silent connection becomes droppable (<see cref="long.MaxValue"/>: none is).
    /// </summary>
    private ClientConnection? OldestEvictableLocked(long now, out long recheckTicks)
    {
        recheckTicks = long.MaxValue;
        if (_waiting == 0)
        {
            return null;
        }
        for (var node = _idle.First; node is not null; node = node.Next)
        {
            var connection = node.Value;
            if (!connection.Waiting)
            {
                continue;
            }
            var silentFor = now - connection.AcceptedAt;
            if (connection.ReceivedAny || silentFor >= SilentGraceTicks)
            {
                return connection;
            }
            recheckTicks = Math.Min(recheckTicks, SilentGraceTicks - silentFor);
        }
        return null;
    }

    private TaskCompletionSource? RemoveLocked(ClientConnection connection)
    {
        if (!connection.Counted)
        {
            return null;
        }
        LeaveIdleLocked(connection);
        connection.Counted = false;
        _open--;
        return TakeSignalLocked();
    }

    private void LeaveIdleLocked(ClientConnection connection)
    {
        if (connection.IdleNode is { } node)
        {
            _idle.Remove(node);
            connection.IdleNode = null;
        }
        if (connection.Waiting)
        {
            connection.Waiting = false;
            _waiting--;
        }
    }

    private TaskCompletionSource TakeSignalLocked()
    {
        var signal = _roomFreed;
        _roomFreed = NewSignal();
        return signal;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
