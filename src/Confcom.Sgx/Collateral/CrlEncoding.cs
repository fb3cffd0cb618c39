using System.Text;

namespace Confcom.Sgx.Collateral;

/// <summary>
/// CRLs travel as DER, PEM or hex of DER (PCCS <c>rootcacrl</c>): <see cref="ToDer"/> reads any of them,
/// <see cref="ToPem"/> and <see cref="ToHex"/> write the two text forms PCS and PCCS serve.
/// </summary>
public static class CrlEncoding
{
    /// <summary>The CRL as PEM text.</summary>
    public static string ToPem(ReadOnlySpan<byte> der) => System.Security.Cryptography.PemEncoding.WriteString("X509 CRL", der) + "\n";

    /// <summary>The CRL as lowercase hex of its DER.</summary>
    public static string ToHex(ReadOnlySpan<byte> der) => Convert.ToHexStringLower(der);

    /// <summary>Decodes a CRL given as DER, PEM or hex into DER.</summary>
    public static byte[] ToDer(ReadOnlySpan<byte> body, string source)
    {
        if (body.Length > 0 && body[0] == 0x30)
        {
            return body.ToArray();
        }
        var text = Encoding.ASCII.GetString(body).Trim();
        if (text.StartsWith("-----BEGIN X509 CRL-----", StringComparison.Ordinal))
        {
            var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal));
            try
            {
                return Convert.FromBase64String(string.Concat(lines));
            }
            catch (FormatException)
            {
                throw new FormatException($"{source}: PEM CRL with invalid base64");
            }
        }
        try
        {
            var der = Convert.FromHexString(text);
            if (der.Length > 0 && der[0] == 0x30)
            {
                return der;
            }
        }
        catch (FormatException)
        {
        }
        throw new FormatException($"{source}: CRL is neither DER, PEM nor hex of DER ({body.Length} bytes)");
    }
}
