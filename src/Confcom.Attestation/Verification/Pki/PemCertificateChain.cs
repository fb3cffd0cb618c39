using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Confcom.Attestation.Verification.Pki;

/// <summary>Reads a PEM chain (leaf first) as served by PCS headers and quote certification data.</summary>
internal static class PemCertificateChain
{
    /// <summary>Certificates in file order; a trailing NUL (quote cert data type 5) is tolerated.</summary>
    public static X509Certificate2[] Parse(string pem, string name)
    {
        var collection = new X509Certificate2Collection();
        try
        {
            collection.ImportFromPem(pem.TrimEnd('\0', '\n', '\r', ' '));
        }
        catch (CryptographicException ex)
        {
            throw new FormatException($"{name}: not a PEM certificate chain ({ex.Message})", ex);
        }
        if (collection.Count == 0)
        {
            throw new FormatException($"{name}: no PEM certificate found");
        }
        return [.. collection];
    }
}
