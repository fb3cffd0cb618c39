using System.Diagnostics;
using System.Globalization;

namespace Confcom.Benchmarks.DevicePlugin;

/// <summary>Per-call durations and their percentiles.</summary>
internal sealed class LatencySample
{
    private readonly List<double> _microseconds = [];

    public int Count => _microseconds.Count;

    public void Add(long startTimestamp) => _microseconds.Add(Stopwatch.GetElapsedTime(startTimestamp).TotalMicroseconds);

    public void AddMilliseconds(double milliseconds) => _microseconds.Add(milliseconds * 1000);

    public double Percentile(double p)
    {
        var sorted = _microseconds.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    public double Mean => _microseconds.Average();

    public static string Us(double microseconds) => microseconds.ToString("0.0", CultureInfo.InvariantCulture) + " µs";

    public static string Ms(double microseconds) => (microseconds / 1000).ToString("0.0", CultureInfo.InvariantCulture) + " ms";

    public static string Ratio(double value, double baseline) => (value / baseline).ToString("0.00", CultureInfo.InvariantCulture) + "×";
}
