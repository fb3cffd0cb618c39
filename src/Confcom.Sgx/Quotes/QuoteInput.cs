using System.Buffers;
using System.Buffers.Text;

namespace Confcom.Sgx.Quotes;

/// <summary>
/// The bytes of a quote as read from a file that holds it in binary, as hex text or as base64. The choice is
/// deterministic: a binary quote starts with a little-endian version (<c>03 00</c>, <c>04 00</c>, <c>05 00</c>), so
/// its second byte is a NUL and never text; text that is only hex digits (optional <c>0x</c>, whitespace anywhere)
/// is hex — a real quote's base64 always has non-hex characters —; other text must be valid base64.
/// </summary>
public sealed class QuoteInput
{
    /// <summary>Far above any real quote (a few KiB); stops a wrong path (an image, a log) from being slurped.</summary>
    public const int MaxFileBytes = 4 * 1024 * 1024;

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    private static readonly SearchValues<byte> Base64Characters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/= \t\r\n"u8);

    private static readonly SearchValues<byte> TextBytes = SearchValues.Create(
        [.. Enumerable.Range(0x20, 0x7F - 0x20).Select(b => (byte)b), (byte)'\t', (byte)'\r', (byte)'\n']);

    private QuoteInput(byte[] bytes, QuoteInputEncoding encoding)
    {
        Bytes = bytes;
        Encoding = encoding;
    }

    /// <summary>The raw bytes.</summary>
    public byte[] Bytes { get; }

    /// <summary>The encoding.</summary>
    public QuoteInputEncoding Encoding { get; }

    /// <summary>
    /// Reads and decodes <paramref name="path"/> (<c>-</c>: standard input), refusing more than
    /// <see cref="MaxFileBytes"/> while reading. Throws <see cref="QuoteInputFormatException"/> for content that is
    /// none of the three encodings, and <see cref="IOException"/>s for missing, unreadable or oversized input.
    /// </summary>
    public static QuoteInput Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var content = BoundedInput.ReadAllBytes(path, MaxFileBytes, "a DCAP quote (a few KiB)");
        return Decode(content, BoundedInput.Describe(path));
    }

    /// <summary>Decodes file content; <paramref name="source"/> names it in errors.</summary>
    public static QuoteInput Decode(ReadOnlySpan<byte> content, string source)
    {
        if (content.IsEmpty)
        {
            throw new QuoteInputFormatException(source, 0, "file is empty");
        }
        if (!LooksLikeText(content))
        {
            return new QuoteInput(content.ToArray(), QuoteInputEncoding.Binary);
        }

        var text = StripWhitespace(content);
        if (text.Length == 0)
        {
            throw new QuoteInputFormatException(source, 0, "file holds only whitespace");
        }
        var hex = text.AsSpan();
        if (hex.Length >= 2 && hex[0] == '0' && (hex[1] == 'x' || hex[1] == 'X'))
        {
            hex = hex[2..];
        }
        if (!hex.IsEmpty && !hex.ContainsAnyExcept(HexDigits))
        {
            if (hex.Length % 2 != 0)
            {
                throw new QuoteInputFormatException(source, 0, $"hex text has an odd number of digits ({hex.Length}); a byte is missing or extra");
            }
            return new QuoteInput(Convert.FromHexString(hex), QuoteInputEncoding.Hex);
        }

        var bytes = new byte[Base64.GetMaxDecodedFromUtf8Length(text.Length)];
        var ascii = System.Text.Encoding.ASCII.GetBytes(text);
        if (Base64.DecodeFromUtf8(ascii, bytes, out _, out var written) == OperationStatus.Done)
        {
            return new QuoteInput(bytes[..written], QuoteInputEncoding.Base64);
        }
        var bad = content.IndexOfAnyExcept(Base64Characters);
        var detail = bad >= 0
            ? $"text is neither hex nor base64: unexpected character '{(char)content[bad]}'"
            : "text looks like base64 but its length or padding is wrong (truncated copy?)";
        throw new QuoteInputFormatException(source, Math.Max(bad, 0), detail);
    }

    private static bool LooksLikeText(ReadOnlySpan<byte> content) => !content.ContainsAnyExcept(TextBytes);

    private static string StripWhitespace(ReadOnlySpan<byte> content)
    {
        var chars = new char[content.Length];
        var length = 0;
        foreach (var b in content)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                chars[length++] = (char)b;
            }
        }
        return new string(chars, 0, length);
    }
}
