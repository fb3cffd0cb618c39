using System.Security.Cryptography;

namespace Confcom.Attestation.Verification.Pki;

/// <summary>Reads a PEM chain (leaf first) as served by PCS headers and quote certification data.</summary>
internal static class PemCertificateChain
{
    /// <summary>
    /// The DER of every CERTIFICATE block in file order (other labels are skipped, as
    /// <c>X509Certificate2Collection.ImportFromPem</c> does); a trailing NUL (quote cert data type 5) is tolerated.
    /// </summary>
    public static List<byte[]> Decode(string pem, string name)
    {
        var certificates = new List<byte[]>(3);
        var text = pem.AsSpan().TrimEnd("\0\n\r ");
        while (PemEncoding.TryFind(text, out var fields))
        {
            if (text[fields.Label].SequenceEqual("CERTIFICATE"))
            {
                var der = new byte[fields.DecodedDataLength];
                if (!Convert.TryFromBase64Chars(text[fields.Base64Data], der, out var written) || written != der.Length)
                {
                    throw new FormatException($"{name}: certificate {certificates.Count} is not valid base64");
                }
                certificates.Add(der);
            }
            text = text[fields.Location.End..];
        }
        return certificates.Count > 0 ? certificates : throw new FormatException($"{name}: no PEM certificate found");
    }
}
