namespace Confcom.Attestation.Verification.Pki;

/// <summary>
/// Checks a certificate chain the way QVL's <c>PckCertVerifier</c>/<c>CommonVerifier</c> do, and with the RFC 5280
/// basics <see cref="System.Security.Cryptography.X509Certificates.X509Chain"/> applied before: leaf first, root
/// last; each certificate's issuer name is the next one's subject and its signature verifies with the next one's
/// key; every issuer is a CA (basicConstraints cA, pathLenConstraint, keyCertSign); no certificate carries a critical
/// extension the verifier does not process; the root is self-signed (signature checked, as QVL does) and carries
/// the trust anchor's key; leaf and intermediate common names follow Intel's naming. Validity dates are not a
/// failure here: QvE only flags expired collateral, so the windows are returned for the caller to judge.
/// </summary>
internal static class CertificateChainValidator
{
    public static Checked<ValidatedChain> Validate(string pem, CertificatePool pool, TrustAnchor anchor, string chainName,
        VerificationCheck check, string leafCnMustContain)
    {
        var chain = new List<ParsedCertificate>(3);
        try
        {
            var ders = PemCertificateChain.Decode(pem, chainName);
            foreach (var der in ders)
            {
                chain.Add(pool.Get(der));
            }
        }
        catch (FormatException ex)
        {
            return VerificationFailure.Of(check, ex.Message.StartsWith(chainName, StringComparison.Ordinal)
                ? ex.Message
                : $"{chainName}: certificate {chain.Count}: {ex.Message}");
        }
        return Validate(chain, anchor, chainName, check, leafCnMustContain);
    }

    public static Checked<ValidatedChain> Validate(List<ParsedCertificate> chain, TrustAnchor anchor, string chainName,
        VerificationCheck check, string leafCnMustContain)
    {
        if (chain.Count < 2)
        {
            return VerificationFailure.Of(check, $"{chainName}: expected leaf, intermediates and root, found {chain.Count} certificate(s)");
        }
        var root = chain[^1];
        if (!root.IsSelfIssued)
        {
            return VerificationFailure.Of(check, $"{chainName}: the last certificate '{root.Subject}' is not self-signed, so it is not a root");
        }
        if (!anchor.Matches(root.PublicKey.Span))
        {
            return VerificationFailure.Of(VerificationCheck.TrustedRoot,
                $"{chainName}: root '{root.Subject}' does not carry the key of the trusted root {anchor.Description}; " +
                "pass --trusted-root with the root this collateral was issued under (e.g. the simulated root)");
        }
        root.UseKey(anchor.Key);
        if (!root.IsSignedBy(root))
        {
            return VerificationFailure.Of(check, $"{chainName}: the root certificate's self-signature does not verify (altered root certificate)");
        }
        var leaf = chain[0];
        if (!leaf.CommonName.Contains(leafCnMustContain, StringComparison.Ordinal))
        {
            return VerificationFailure.Of(check, $"{chainName}: leaf '{leaf.Subject}' is not an '{leafCnMustContain}' certificate");
        }
        for (var i = 1; i < chain.Count - 1; i++)
        {
            if (!chain[i].CommonName.Contains("CA", StringComparison.Ordinal))
            {
                return VerificationFailure.Of(check, $"{chainName}: intermediate '{chain[i].Subject}' is not a CA certificate");
            }
        }
        var validity = new CollateralExpiry[chain.Count];
        for (var i = 0; i < chain.Count; i++)
        {
            var certificate = chain[i];
            if (certificate.UnhandledCriticalExtensions.Count > 0)
            {
                return VerificationFailure.Of(check,
                    $"{chainName}: certificate {i} ('{certificate.CommonName}') has critical extension(s) {string.Join(", ", certificate.UnhandledCriticalExtensions)} that the verifier does not process");
            }
            if (i < chain.Count - 1 && CheckLink(chain, i, chainName, check) is { } failure)
            {
                return failure;
            }
            validity[i] = new CollateralExpiry($"{chainName}: certificate '{certificate.CommonName}'", certificate.NotBefore, certificate.NotAfter);
        }
        return new ValidatedChain(chain, validity);
    }

    /// <summary>Certificate <paramref name="i"/> is issued and signed by certificate i + 1, which may issue it.</summary>
    private static VerificationFailure? CheckLink(List<ParsedCertificate> chain, int i, string chainName, VerificationCheck check)
    {
        var subject = chain[i];
        var issuer = chain[i + 1];
        if (!subject.IssuerName.Span.SequenceEqual(issuer.SubjectName.Span))
        {
            return VerificationFailure.Of(check,
                $"{chainName}: certificate {i} ('{subject.CommonName}') is not issued by the next certificate '{issuer.Subject}' (wrong order or a foreign certificate)");
        }
        // CA certificates strictly between this one and the leaf count against the issuer's path length.
        var intermediatesBelow = i;
        if (!issuer.IsCertificateAuthority || !issuer.MaySignCertificates || issuer.PathLength < intermediatesBelow)
        {
            return VerificationFailure.Of(check,
                $"{chainName}: '{issuer.Subject}' may not issue certificates (basicConstraints cA, pathLenConstraint or keyUsage keyCertSign)");
        }
        if (!subject.IsSignedBy(issuer))
        {
            return VerificationFailure.Of(check, $"{chainName}: the signature of certificate {i} ('{subject.CommonName}') does not verify with the key of '{issuer.CommonName}'");
        }
        return null;
    }
}
