namespace Confcom.Testing;

/// <summary>Hex with spaces and '|' separators as written in aesm-wire-vectors.md.</summary>
public static class Hex
{
    public static byte[] Parse(string text) =>
        Convert.FromHexString(new string(text.Where(Uri.IsHexDigit).ToArray()));

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
