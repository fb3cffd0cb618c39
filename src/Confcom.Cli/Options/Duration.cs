using System.Globalization;

namespace Confcom.Cli.Options;

/// <summary>Durations on the command line: <c>500ms</c>, <c>30s</c>, <c>2m</c>, or plain seconds (<c>30</c>).</summary>
internal static class Duration
{
    public static TimeSpan Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = text.Trim();
        var (digits, unit) = value.EndsWith("ms", StringComparison.OrdinalIgnoreCase) ? (value[..^2], 0.001)
            : value.EndsWith('s') || value.EndsWith('S') ? (value[..^1], 1.0)
            : value.EndsWith('m') || value.EndsWith('M') ? (value[..^1], 60.0)
            : (value, 1.0);
        if (!double.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || amount <= 0 || amount * unit > 24 * 3600)
        {
            throw new FormatException($"'{text}' is not a duration: use e.g. 500ms, 30s or 2m (more than 0, at most a day)");
        }
        return TimeSpan.FromSeconds(amount * unit);
    }

    public static string Format(TimeSpan duration) => duration.TotalSeconds >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.###}s")
        : string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0}ms");
}
