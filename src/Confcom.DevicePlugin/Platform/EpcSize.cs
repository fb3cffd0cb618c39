using System.Globalization;

namespace Confcom.DevicePlugin.Platform;

/// <summary>Parses and prints EPC sizes as operators write them: <c>128MiB</c>, <c>8GiB</c>, <c>512KiB</c> (binary units, also Ki/Mi/Gi).</summary>
public static class EpcSize
{
    public const ulong Kibibyte = 1024;
    public const ulong Mebibyte = 1024 * Kibibyte;
    public const ulong Gibibyte = 1024 * Mebibyte;

    private static readonly (string Suffix, ulong Multiplier)[] Units =
    [
        ("KiB", Kibibyte), ("MiB", Mebibyte), ("GiB", Gibibyte), ("TiB", 1024 * Gibibyte),
        ("Ki", Kibibyte), ("Mi", Mebibyte), ("Gi", Gibibyte), ("Ti", 1024 * Gibibyte),
    ];

    /// <summary>Parses a size; throws <see cref="FormatException"/> with a message naming the accepted forms.</summary>
    public static ulong Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        foreach (var (suffix, multiplier) in Units)
        {
            if (trimmed.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && ulong.TryParse(trimmed.AsSpan(0, trimmed.Length - suffix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
                && count > 0
                && count <= ulong.MaxValue / multiplier)
            {
                return count * multiplier;
            }
        }
        throw new FormatException($"'{text}' is not an EPC size: write a positive whole number with a binary unit, e.g. 128MiB or 8GiB");
    }

    /// <summary>The largest exact binary unit, e.g. 134217728 → "128 MiB".</summary>
    public static string Format(ulong bytes)
    {
        (ulong Size, string Name)[] units = [(1024 * Gibibyte, "TiB"), (Gibibyte, "GiB"), (Mebibyte, "MiB"), (Kibibyte, "KiB")];
        foreach (var (size, name) in units)
        {
            if (bytes >= size && bytes % size == 0)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{bytes / size} {name}");
            }
        }
        return string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes");
    }
}
