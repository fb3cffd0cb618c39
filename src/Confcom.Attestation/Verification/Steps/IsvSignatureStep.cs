using System.Security.Cryptography;
using Confcom.Sgx.Quotes;

namespace Confcom.Attestation.Verification.Steps;

/// <summary>QVL 4.j (4.1.2.4.16): the ISV signature over header and body verifies with the attestation key.</summary>
internal static class IsvSignatureStep
{
    public static VerificationFailure? Check(Quote quote)
    {
        var key = quote.Signature.AttestationPublicKey.Span;
        bool valid;
        try
        {
            using var ecdsa = ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = key[..32].ToArray(), Y = key[32..].ToArray() },
            });
            valid = ecdsa.VerifyData(quote.SignedRegion.Span, quote.Signature.IsvSignature.Span, HashAlgorithmName.SHA256,
                DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (CryptographicException)
        {
            // QVL: an attestation key that is not a P-256 point is UNSUPPORTED_QUOTE_FORMAT.
            return VerificationFailure.Of(VerificationCheck.QuoteFormat, "the attestation key is not a point on P-256");
        }
        return valid
            ? null
            : VerificationFailure.Of(VerificationCheck.IsvSignature,
                "the quote signature over header and body does not verify with the attestation key (INVALID_QUOTE_SIGNATURE)");
    }
}
