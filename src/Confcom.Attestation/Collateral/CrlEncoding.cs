using System.Text;

namespace Confcom.Attestation.Collateral;

/// <summary>CRLs arrive as DER, PEM or hex of DER (PCCS <c>rootcacrl</c>); this turns any of them into DER.</summary>
public static class CrlEncoding
{
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
