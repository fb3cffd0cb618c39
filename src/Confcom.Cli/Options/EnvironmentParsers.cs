using System.Globalization;

namespace Confcom.Cli.Options;

/// <summary>Parsers for variables behind typed flags (see <see cref="EnvironmentDefault"/>); each throws <see cref="FormatException"/> saying what is expected.</summary>
internal static class EnvironmentParsers
{
    public static bool Boolean(string text) => text.Trim().ToLowerInvariant() switch
    {
        "1" or "true" or "yes" => true,
        "0" or "false" or "no" => false,
        _ => throw new FormatException("expected true or false"),
    };

    public static int PositiveInteger(string text) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new FormatException("expected a whole number of at least 1");
}
