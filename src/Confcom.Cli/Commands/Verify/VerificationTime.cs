using System.Globalization;

namespace Confcom.Cli.Commands.Verify;

/// <summary>
/// Reads <c>--at</c>: ISO-8601 (UTC unless an offset is given) or UNIX seconds; null when absent, meaning "now",
/// which the caller takes only once the collateral is in hand (collateral fetched a moment ago may carry an issue
/// time later than a "now" read before the fetch).
/// </summary>
internal static class VerificationTime
{
    public static DateTimeOffset? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        text = text.Trim();
        if (text.All(char.IsAsciiDigit) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            try
            {
                return DateTimeOffset.FromUnixTimeSeconds(seconds);
            }
            catch (ArgumentOutOfRangeException)
            {
                throw new CliException($"--at {text}: UNIX seconds out of range", 1);
            }
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : throw new CliException($"--at {text}: expected ISO-8601 (e.g. 2025-07-19T10:01:17Z) or UNIX seconds", 1);
    }
}
