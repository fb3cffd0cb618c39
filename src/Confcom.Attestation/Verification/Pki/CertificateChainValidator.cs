using System.Security.Cryptography.X509Certificates;

namespace Confcom.Attestation.Verification.Pki;

/// <summary>
/// Builds a chain with the platform's <see cref="X509Chain"/> against a custom root (no system store, no online
/// revocation; the CRLs are checked by the caller) and applies QVL's naming rules. Validity dates are not a failure
/// here: QvE only flags expired collateral, so the windows are returned for the caller to judge.
/// </summary>
internal static class CertificateChainValidator
{
    public static ValidatedChain Validate(IReadOnlyList<X509Certificate2> chain, TrustAnchor anchor, DateTimeOffset at,
        string chainName, VerificationCheck check, string leafCnMustContain)
    {
        if (chain.Count < 2)
        {
            throw VerificationFailure.Unspecified(check, $"{chainName}: expected leaf, intermediates and root, found {chain.Count} certificate(s)");
        }
        var root = chain[^1];
        if (root.SubjectName.RawData.AsSpan().SequenceEqual(root.IssuerName.RawData) is false)
        {
            throw VerificationFailure.Unspecified(check, $"{chainName}: the last certificate '{root.Subject}' is not self-signed, so it is not a root");
        }
        if (!anchor.Matches(root))
        {
            throw VerificationFailure.Unspecified(VerificationCheck.TrustedRoot,
                $"{chainName}: root '{root.Subject}' does not carry the key of the trusted root {anchor.Description}; " +
                "pass --trusted-root with the root this collateral was issued under (e.g. the simulated root)");
        }
        if (!SelfSignature.IsValid(root))
        {
            throw new VerificationFailure(check, QuoteVerificationStatus.InvalidSignature,
                $"{chainName}: the root certificate's self-signature does not verify (altered root certificate)");
        }
        var leaf = chain[0];
        if (!CommonName(leaf).Contains(leafCnMustContain, StringComparison.Ordinal))
        {
            throw VerificationFailure.Unspecified(check, $"{chainName}: leaf '{leaf.Subject}' is not an '{leafCnMustContain}' certificate");
        }
        for (var i = 1; i < chain.Count - 1; i++)
        {
            if (!CommonName(chain[i]).Contains("CA", StringComparison.Ordinal))
            {
                throw VerificationFailure.Unspecified(check, $"{chainName}: intermediate '{chain[i].Subject}' is not a CA certificate");
            }
        }

        using var x509Chain = new X509Chain();
        var policy = x509Chain.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.CustomTrustStore.Add(root);
        for (var i = 1; i < chain.Count - 1; i++)
        {
            policy.ExtraStore.Add(chain[i]);
        }
        policy.RevocationMode = X509RevocationMode.NoCheck;
        policy.DisableCertificateDownloads = true;
        policy.VerificationTime = at.UtcDateTime;
        policy.VerificationTimeIgnored = false;
        policy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid;
        if (!x509Chain.Build(leaf))
        {
            var reasons = string.Join("; ", x509Chain.ChainStatus.Select(s => $"{s.Status}: {s.StatusInformation.Trim()}"));
            throw VerificationFailure.Unspecified(check,
                $"{chainName}: does not build to the trusted root ({reasons})");
        }
        if (x509Chain.ChainElements.Count != chain.Count)
        {
            throw VerificationFailure.Unspecified(check,
                $"{chainName}: built a chain of {x509Chain.ChainElements.Count} certificates, but {chain.Count} were given");
        }
        for (var i = 0; i < chain.Count; i++)
        {
            if (!x509Chain.ChainElements[i].Certificate.RawDataMemory.Span.SequenceEqual(chain[i].RawDataMemory.Span))
            {
                throw VerificationFailure.Unspecified(check, $"{chainName}: certificate {i} ('{chain[i].Subject}') is out of order");
            }
        }

        var validity = chain
            .Select(c => new CollateralExpiry($"{chainName}: certificate '{CommonName(c)}'",
                new DateTimeOffset(c.NotBefore.ToUniversalTime()), new DateTimeOffset(c.NotAfter.ToUniversalTime())))
            .ToArray();
        return new ValidatedChain(chain, validity);
    }

    public static string CommonName(X509Certificate2 certificate) =>
        certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
}
