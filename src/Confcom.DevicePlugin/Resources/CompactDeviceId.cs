namespace Confcom.DevicePlugin.Resources;

/// <summary>
/// Device IDs for very many identical devices, as short as possible: every string over a 64-symbol URL-safe
/// alphabet, shortest first ("0".."_", then "00".."__", ...). 262,144 IDs (256 GiB of EPC in MiB) average
/// 2.98 bytes instead of 5.58 for decimal, which keeps the ListAndWatch message under the kubelet's 4 MiB limit.
/// The mapping is a bijection, so Allocate validates an ID by decoding it, without a table.
/// </summary>
internal static class CompactDeviceId
{
    public const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
    private const int Radix = 64;

    /// <summary>Six symbols cover more than int.MaxValue indices.</summary>
    private const int MaxLength = 6;

    public static string Encode(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        long remaining = index;
        var length = 1;
        for (long block = Radix; remaining >= block; block *= Radix)
        {
            remaining -= block;
            length++;
        }
        return string.Create(length, remaining, static (chars, value) =>
        {
            for (var i = chars.Length - 1; i >= 0; i--)
            {
                chars[i] = Alphabet[(int)(value % Radix)];
                value /= Radix;
            }
        });
    }

    public static bool TryDecode(string id, out int index)
    {
        index = -1;
        if (string.IsNullOrEmpty(id) || id.Length > MaxLength)
        {
            return false;
        }
        long value = 0;
        foreach (var c in id)
        {
            var digit = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (digit < 0)
            {
                return false;
            }
            value = (value * Radix) + digit;
        }
        for (long block = Radix, i = 1; i < id.Length; i++, block *= Radix)
        {
            value += block;
        }
        if (value > int.MaxValue)
        {
            return false;
        }
        index = (int)value;
        return true;
    }
}
