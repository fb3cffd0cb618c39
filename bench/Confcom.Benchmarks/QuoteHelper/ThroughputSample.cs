namespace Confcom.Benchmarks.QuoteHelper;

/// <summary>Operations and their latencies, accumulated over the interleaved slices of one benchmark cell.</summary>
internal sealed class ThroughputSample
{
    private readonly List<double> _latenciesMs = [];
    private long _count;
    private double _seconds;

    public double PerSecond => _seconds == 0 ? double.NaN : _count / _seconds;

    public double P50Ms => Percentile(0.50);

    public double P99Ms => Percentile(0.99);

    public void Add(long count, TimeSpan elapsed, IEnumerable<double> latenciesMs)
    {
        _count += count;
        _seconds += elapsed.TotalSeconds;
        _latenciesMs.AddRange(latenciesMs);
    }

    private double Percentile(double p)
    {
        if (_latenciesMs.Count == 0)
        {
            return double.NaN;
        }
        var sorted = _latenciesMs.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }
}
