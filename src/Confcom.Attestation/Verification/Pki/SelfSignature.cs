using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Confcom.Attestation.Verification.Pki;

/// <summary>
/// Checks a root certificate's signature over itself. <see cref="X509Chain"/> trusts a custom root as given, but QVL
/// also verifies the root's self-signature, so a root whose bytes were altered outside its key is rejected.
/// </summary>
internal static class SelfSignature
{
    private const string EcdsaWithSha256 = "1.2.840.10045.4.3.2";

    public static bool IsValid(X509Certificate2 root)
    {
        try
        {
            var certificate = new AsnReader(root.RawDataMemory, AsnEncodingRules.DER).ReadSequence();
            var tbs = certificate.ReadEncodedValue();
            var algorithm = certificate.ReadSequence().ReadObjectIdentifier();
            var signature = certificate.ReadBitString(out _);
            using var key = root.GetECDsaPublicKey();
            return algorithm == EcdsaWithSha256 && key is not null &&
                key.VerifyData(tbs.Span, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (Exception ex) when (ex is AsnContentException or CryptographicException)
        {
            return false;
        }
    }
}
