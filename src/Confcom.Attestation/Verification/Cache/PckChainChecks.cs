using System.Security.Cryptography.X509Certificates;
using Confcom.Attestation.Verification.Pki;
using Confcom.Attestation.Verification.Tcb;

namespace Confcom.Attestation.Verification.Cache;

/// <summary>QvE step 1 and QVL 4.b/4.c for one PCK chain against one verified collateral bundle.</summary>
internal static class PckChainChecks
{
    public static VerifiedPckChain Verify(string pem, VerifiedCollateral collateral, ChainCache chains, DateTimeOffset at)
    {
        var validity = new List<CollateralExpiry>(collateral.Validity);
        try
        {
            var validated = chains.Validate(pem, "PCK certificate chain", VerificationCheck.PckCertificateChain, "SGX PCK Certificate", at);
            validity.AddRange(validated.Validity);

            if (collateral.RootCaCrlFailure is { } rootFailure)
            {
                throw rootFailure;
            }
            foreach (var intermediate in validated.Certificates.Skip(1).Take(validated.Certificates.Count - 2))
            {
                if (collateral.RootCaCrl!.Revokes(intermediate))
                {
                    throw new VerificationFailure(VerificationCheck.RootCaCrl, QuoteVerificationStatus.Revoked,
                        $"PCK certificate chain: '{intermediate.Subject}' (serial {intermediate.SerialNumber}) is revoked by the Root CA CRL");
                }
            }

            if (collateral.PckCrlFailure is { } pckFailure)
            {
                throw pckFailure;
            }
            var pckCrl = collateral.PckCrl!;
            var pckIssuer = validated.LeafIssuer;
            if (!CertificateChainValidator.CommonName(pckIssuer).Contains("CA", StringComparison.Ordinal) ||
                !pckCrl.Issuer.RawData.AsSpan().SequenceEqual(validated.Leaf.IssuerName.RawData))
            {
                throw VerificationFailure.Unspecified(VerificationCheck.PckCrl,
                    $"PCK CRL: issuer '{pckCrl.Issuer.Name}' is not the PCK certificate's issuer '{validated.Leaf.Issuer}' " +
                    "(collateral fetched for the other CA type? processor vs platform)");
            }
            if (!pckCrl.IsSignedBy(pckIssuer))
            {
                throw new VerificationFailure(VerificationCheck.PckCrl, QuoteVerificationStatus.InvalidSignature,
                    $"PCK CRL: signature does not verify with '{pckIssuer.Subject}'");
            }
            if (pckCrl.Revokes(validated.Leaf))
            {
                throw new VerificationFailure(VerificationCheck.PckRevoked, QuoteVerificationStatus.Revoked,
                    $"PCK certificate '{validated.Leaf.Subject}' (serial {validated.Leaf.SerialNumber}) is revoked by the PCK CRL");
            }

            PlatformTcb? platform = null;
            VerificationFailure? extensionFailure = null;
            try
            {
                platform = PlatformTcbReader.Read(validated.Leaf);
            }
            catch (FormatException ex)
            {
                extensionFailure = VerificationFailure.Unspecified(VerificationCheck.PckCertificateExtension,
                    $"PCK certificate '{validated.Leaf.Subject}': {ex.Message}");
            }

            return new VerifiedPckChain
            {
                Window = ValidityWindow.Around(validity, at),
                Validity = validity,
                PckPublicKey = validated.Leaf.GetECDsaPublicKey()
                    ?? throw VerificationFailure.Unspecified(VerificationCheck.PckCertificateChain, "PCK certificate has no ECDSA P-256 key"),
                Platform = platform,
                ExtensionFailure = extensionFailure,
            };
        }
        catch (VerificationFailure f)
        {
            return Failed(f, validity, at);
        }
        catch (FormatException ex)
        {
            return Failed(VerificationFailure.Unspecified(VerificationCheck.PckCertificateChain, ex.Message), validity, at);
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            return Failed(VerificationFailure.Unspecified(VerificationCheck.PckCertificateChain, $"PCK certificate chain: {ex.Message}"), validity, at);
        }
    }

    private static VerifiedPckChain Failed(VerificationFailure failure, List<CollateralExpiry> validity, DateTimeOffset at) => new()
    {
        Window = ValidityWindow.Around(validity, at),
        Validity = validity,
        Failure = failure,
    };
}
