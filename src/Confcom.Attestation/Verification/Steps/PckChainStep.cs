using Confcom.Aesm.Quoting;
using Confcom.Attestation.Verification.Cache;
using Confcom.Attestation.Verification.Pki;
using Confcom.Attestation.Verification.Tcb;

namespace Confcom.Attestation.Verification.Steps;

/// <summary>
/// QvE step 1 and QVL 4.b/4.c for one PCK chain against one verified collateral bundle: the chain verifies to the
/// anchor, its intermediate is not in the Root CA CRL, the PCK CRL comes from the PCK's issuer (a CA) and is signed
/// by it, the PCK is not listed; then the SGX extension is read for the TCB checks.
/// </summary>
internal static class PckChainStep
{
    public static VerifiedPckChain Verify(string pem, VerifiedCollateral collateral, TrustAnchor anchor, CertificatePool certificates, DateTimeOffset at)
    {
        var validity = new List<CollateralExpiry>(collateral.Validity.Count + 3);
        validity.AddRange(collateral.Validity);
        var checkedChain = CertificateChainValidator.Validate(pem, certificates, anchor, "PCK certificate chain", VerificationCheck.PckCertificateChain, "SGX PCK Certificate");
        if (checkedChain.Value is not { } chain)
        {
            return Failed(checkedChain.Failure!, validity, at);
        }
        validity.AddRange(chain.Validity);
        if (Revocation(chain, collateral) is { } revocation)
        {
            return Failed(revocation, validity, at);
        }
        var leaf = chain.Leaf;
        System.Security.Cryptography.ECDsa key;
        try
        {
            key = leaf.Key;
        }
        catch (FormatException ex)
        {
            return Failed(VerificationFailure.Of(VerificationCheck.PckCertificateChain, $"PCK certificate: {ex.Message}"), validity, at);
        }

        PlatformTcb? platform = null;
        VerificationFailure? extensionFailure = null;
        try
        {
            platform = PlatformTcbReader.Read(leaf);
        }
        catch (FormatException ex)
        {
            extensionFailure = VerificationFailure.Of(VerificationCheck.PckCertificateExtension, $"PCK certificate '{leaf.Subject}': {ex.Message}");
        }
        return new VerifiedPckChain
        {
            Window = ValidityWindow.Around(validity, at),
            Validity = validity,
            PckPublicKey = key,
            Platform = platform,
            ExtensionFailure = extensionFailure,
        };
    }

    private static VerificationFailure? Revocation(ValidatedChain chain, VerifiedCollateral collateral)
    {
        if (collateral.RootCaCrlFailure is { } rootFailure)
        {
            return rootFailure;
        }
        for (var i = 1; i < chain.Certificates.Count - 1; i++)
        {
            var intermediate = chain.Certificates[i];
            if (collateral.RootCaCrl!.Revokes(intermediate))
            {
                return new VerificationFailure(VerificationCheck.RootCaCrl, Quote3Error.PckRevoked,
                    $"PCK certificate chain: '{intermediate.Subject}' (serial {Convert.ToHexString(intermediate.SerialNumber.Span)}) is revoked by the Root CA CRL");
            }
        }
        if (collateral.PckCrlFailure is { } pckFailure)
        {
            return pckFailure;
        }
        var pckCrl = collateral.PckCrl!;
        var leaf = chain.Leaf;
        var pckIssuer = chain.LeafIssuer;
        if (!pckIssuer.CommonName.Contains("CA", StringComparison.Ordinal) || !pckCrl.Issuer.Span.SequenceEqual(leaf.IssuerName.Span))
        {
            return VerificationFailure.Of(VerificationCheck.PckCrl,
                $"PCK CRL: issuer '{pckCrl.IssuerText}' is not the PCK certificate's issuer '{pckIssuer.Subject}' " +
                "(collateral fetched for the other CA type? processor vs platform)");
        }
        if (!pckCrl.IsSignedBy(pckIssuer))
        {
            return VerificationFailure.Of(VerificationCheck.PckCrl, $"PCK CRL: signature does not verify with '{pckIssuer.Subject}'");
        }
        if (pckCrl.Revokes(leaf))
        {
            return VerificationFailure.Of(VerificationCheck.PckRevoked,
                $"PCK certificate '{leaf.Subject}' (serial {Convert.ToHexString(leaf.SerialNumber.Span)}) is revoked by the PCK CRL (SGX_QL_PCK_REVOKED)");
        }
        return null;
    }

    private static VerifiedPckChain Failed(VerificationFailure failure, List<CollateralExpiry> validity, DateTimeOffset at) => new()
    {
        Window = ValidityWindow.Around(validity, at),
        Validity = validity,
        Failure = failure,
    };
}
