namespace Confcom.Benchmarks.Client;

/// <summary>Per-call latencies of one path, with the percentiles the results table reports.</summary>
internal sealed class LatencySamples(string name)
{
    private readonly List<double> _milliseconds = [];

    public string Name { get; } = name;

    public int Count => _milliseconds.Count;

    public void Add(TimeSpan elapsed) => _milliseconds.Add(elapsed.TotalMilliseconds);

    public double Mean => _milliseconds.Average();

    public double Percentile(double p)
    {
        var sorted = _milliseconds.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}
