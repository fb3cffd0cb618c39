using System.Diagnostics;

namespace Confcom.QuoteHelper.Server;

/// <summary>
/// Lets one log line through per interval and counts the rest. The socket is open to every local process, so a
/// client that misbehaves on purpose (thousands of idle or garbage connections) must not also flood the node's logs;
/// the metrics still count every case.
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
