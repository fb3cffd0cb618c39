using System.Diagnostics;

namespace Confcom;

/// <summary>
/// Lets one log line through per interval and counts the rest. A daemon open to every local process (the quote
/// helper's 0777 socket) or to the cluster network (the webhook) must not let a client that misbehaves on purpose
/// (thousands of idle or garbage requests) also flood the node's logs; metrics still count every case. Linked into
/// each daemon project like <c>BoundedInput.cs</c>.
/// </summary>
internal sealed class LogThrottle(TimeSpan interval)
{
    private readonly Lock _lock = new();
    private long _nextAllowed = long.MinValue;
    private long _suppressed;

    /// <summary>True when this occurrence may be logged; <paramref name="suppressed"/> is how many were held back before it.</summary>
    public bool TryEnter(out long suppressed)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_lock)
        {
            if (now < _nextAllowed)
            {
                _suppressed++;
                suppressed = 0;
                return false;
            }
            _nextAllowed = now + (long)(interval.TotalSeconds * Stopwatch.Frequency);
            suppressed = _suppressed;
            _suppressed = 0;
            return true;
        }
    }
}
