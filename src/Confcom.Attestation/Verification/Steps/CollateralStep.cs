using System.Security.Cryptography;
using System.Text;
using Confcom.Aesm.Quoting;
using Confcom.Attestation.Verification.Cache;
using Confcom.Attestation.Verification.Pki;
using Confcom.Attestation.Verification.Tcb;
using Confcom.Sgx.Collateral;

namespace Confcom.Attestation.Verification.Steps;

/// <summary>
/// QvE steps 2 and 3 and the quote-independent half of step 1, on a collateral bundle: the Root CA CRL (issued and
/// signed by the anchored root), the PCK CRL and its issuer chain, TCB Info and QE Identity (issuer chain to the
/// anchor, not revoked by the Root CA CRL, signature over the exact signed text, format). A failed item is kept as
/// its failure, so a later quote that needs only the other items can still be judged, and the failure is reported
/// at the step where QvE would stop.
/// </summary>
internal static class CollateralStep
{
    private const string TcbSigningPhrase = "SGX TCB Signing";

    public static VerifiedCollateral Verify(QuoteCollateral collateral, TrustAnchor anchor, CertificatePool certificates, CrlCache crls, DateTimeOffset at)
    {
        var validity = new List<CollateralExpiry>(12);
        var issued = new List<DateTimeOffset>(4);

        // The Root CA CRL is checked against the root of the TCB Info chain (every anchored chain has the same root key).
        var root = RootCaCrl(collateral, anchor, certificates, crls, validity, issued);
        var pckCrl = PckCrl(collateral, anchor, certificates, crls, validity, issued);
        var signing = CertificateChainValidator.Validate(collateral.TcbInfoIssuerChain, certificates, anchor, "TCB Info issuer chain",
            VerificationCheck.TcbInfo, TcbSigningPhrase);

        var tcbInfo = SignedDocument(signing, collateral.TcbInfo, collateral.TcbInfoSignature, "TCB Info", VerificationCheck.TcbInfo,
            Quote3Error.TcbInfoChainError, Quote3Error.TcbInfoUnsupportedFormat, root.Value, validity, TcbInfo.Parse);
        IReadOnlyList<TcbLevel> descending = [];
        var tcbFailure = tcbInfo.Failure;
        if (tcbInfo.Value is { } parsed)
        {
            try
            {
                descending = TcbLevelMatcher.Descending(parsed.TcbLevels);
                validity.Add(new CollateralExpiry($"TCB Info (fmspc {Convert.ToHexString(parsed.Fmspc)})", parsed.IssueDate, parsed.NextUpdate));
                issued.Add(parsed.IssueDate);
            }
            catch (FormatException ex)
            {
                tcbFailure = new VerificationFailure(VerificationCheck.TcbInfo, Quote3Error.TcbInfoUnsupportedFormat, ex.Message);
            }
        }

        // A failed TCB Info ends verification at QvE step 2, before the QE Identity matters.
        Checked<QeIdentity> qeIdentity = tcbFailure is not null
            ? VerificationFailure.Of(VerificationCheck.QeIdentity, "not checked: the TCB Info failed first")
            : SignedDocument(
                collateral.QeIdentityIssuerChain == collateral.TcbInfoIssuerChain
                    ? signing
                    : CertificateChainValidator.Validate(collateral.QeIdentityIssuerChain, certificates, anchor, "QE Identity issuer chain", VerificationCheck.QeIdentity, TcbSigningPhrase),
                collateral.QeIdentity, collateral.QeIdentitySignature, "QE Identity", VerificationCheck.QeIdentity,
                Quote3Error.QeIdentityChainError, Quote3Error.QeIdentityChainError, root.Value, validity, QeIdentity.Parse);
        if (qeIdentity.Value is { } identity)
        {
            validity.Add(new CollateralExpiry($"QE Identity ({identity.Id})", identity.IssueDate, identity.NextUpdate));
            issued.Add(identity.IssueDate);
        }

        return new VerifiedCollateral
        {
            Window = ValidityWindow.Around(validity, at),
            Validity = validity,
            OldestIssue = issued.Count > 0 ? issued.Min() : null,
            RootCaCrl = root.Value,
            RootCaCrlFailure = root.Failure,
            PckCrl = pckCrl.Value,
            PckCrlFailure = pckCrl.Failure,
            TcbInfo = tcbFailure is null ? tcbInfo.Value : null,
            TcbLevelsDescending = tcbFailure is null ? descending : [],
            TcbInfoFailure = tcbFailure,
            QeIdentity = qeIdentity.Value,
            QeIdentityFailure = qeIdentity.Failure,
        };
    }

    private static Checked<CertificateRevocationList> RootCaCrl(QuoteCollateral collateral, TrustAnchor anchor, CertificatePool certificates, CrlCache crls,
        List<CollateralExpiry> validity, List<DateTimeOffset> issued)
    {
        // The root comes from the TCB Info issuer chain, read but not yet judged: a bad TCB Signing certificate is a
        // TCB Info failure (QvE step 2), not a reason to distrust the Root CA CRL (step 1).
        ParsedCertificate root;
        try
        {
            root = certificates.Get(PemCertificateChain.Decode(collateral.TcbInfoIssuerChain, "TCB Info issuer chain")[^1]);
        }
        catch (FormatException ex)
        {
            return VerificationFailure.Of(VerificationCheck.RootCaCrl, ex.Message);
        }
        if (!anchor.Matches(root.PublicKey.Span))
        {
            return VerificationFailure.Of(VerificationCheck.TrustedRoot,
                $"TCB Info issuer chain: root '{root.Subject}' does not carry the key of the trusted root {anchor.Description}");
        }
        root.UseKey(anchor.Key);
        var parsed = ParseCrl(crls, collateral.RootCaCrl, "Root CA CRL", VerificationCheck.RootCaCrl);
        if (parsed.Value is not { } crl)
        {
            return parsed;
        }
        if (!crl.Issuer.Span.SequenceEqual(root.SubjectName.Span))
        {
            return VerificationFailure.Of(VerificationCheck.RootCaCrl, $"Root CA CRL: issuer '{crl.IssuerText}' is not the root '{root.Subject}'");
        }
        if (!crl.IsSignedBy(root))
        {
            return VerificationFailure.Of(VerificationCheck.RootCaCrl, $"Root CA CRL: signature does not verify with the root '{root.Subject}'");
        }
        validity.Add(CrlValidity(crl, "Root CA CRL"));
        issued.Add(crl.ThisUpdate);
        return crl;
    }

    /// <summary>The PCK CRL is parsed here; its issuer and signature depend on the quote's PCK chain (<see cref="PckChainStep"/>).</summary>
    private static Checked<CertificateRevocationList> PckCrl(QuoteCollateral collateral, TrustAnchor anchor, CertificatePool certificates, CrlCache crls,
        List<CollateralExpiry> validity, List<DateTimeOffset> issued)
    {
        var parsed = ParseCrl(crls, collateral.PckCrl, "PCK CRL", VerificationCheck.PckCrl);
        if (parsed.Value is not { } crl)
        {
            return parsed;
        }
        validity.Add(CrlValidity(crl, "PCK CRL"));
        issued.Add(crl.ThisUpdate);
        var chain = CertificateChainValidator.Validate(collateral.PckCrlIssuerChain, certificates, anchor, "PCK CRL issuer chain", VerificationCheck.PckCrl, "CA");
        if (chain.Failure is { } failure)
        {
            return failure;
        }
        validity.AddRange(chain.Value!.Validity);
        return crl;
    }

    private static Checked<T> SignedDocument<T>(Checked<ValidatedChain> signing, string signedText, byte[] signature, string name, VerificationCheck check,
        Quote3Error signatureError, Quote3Error formatError, CertificateRevocationList? rootCrl, List<CollateralExpiry> validity, Func<string, T> parse)
        where T : class
    {
        if (signing.Failure is { } chainFailure)
        {
            return chainFailure.Check == check ? chainFailure with { Error = signatureError } : chainFailure;
        }
        var chain = signing.Value!;
        if (rootCrl is null)
        {
            return new VerificationFailure(check, signatureError, $"{name} issuer chain: cannot check revocation of '{chain.Leaf.Subject}' without a valid Root CA CRL");
        }
        for (var i = 0; i < chain.Certificates.Count - 1; i++)
        {
            if (rootCrl.Revokes(chain.Certificates[i]))
            {
                var revoked = chain.Certificates[i];
                return new VerificationFailure(check, Quote3Error.PckRevoked,
                    $"{name} issuer chain: '{revoked.Subject}' (serial {Convert.ToHexString(revoked.SerialNumber.Span)}) is revoked by the Root CA CRL");
            }
        }
        validity.AddRange(chain.Validity);
        if (!VerifiesOverText(chain.Leaf, signedText, signature))
        {
            return new VerificationFailure(check, signatureError, $"{name}: signature does not verify over the exact signed JSON text with '{chain.Leaf.Subject}'");
        }
        try
        {
            return parse(signedText);
        }
        catch (FormatException ex)
        {
            return new VerificationFailure(check, formatError, ex.Message);
        }
    }

    private static bool VerifiesOverText(ParsedCertificate signer, string signedText, byte[] signature)
    {
        if (signature.Length != 64)
        {
            return false;
        }
        // Collateral text is a few KiB; a bounded stack copy avoids a heap buffer per verification.
        var length = Encoding.UTF8.GetMaxByteCount(signedText.Length);
        var buffer = length <= 16 * 1024 ? stackalloc byte[length] : new byte[length];
        var written = Encoding.UTF8.GetBytes(signedText, buffer);
        try
        {
            return signer.Key.VerifyData(buffer[..written], signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            return false;
        }
    }

    private static Checked<CertificateRevocationList> ParseCrl(CrlCache crls, byte[] bytes, string name, VerificationCheck check)
    {
        try
        {
            return crls.Get(bytes, name);
        }
        catch (FormatException ex)
        {
            return VerificationFailure.Of(check, ex.Message);
        }
    }

    private static CollateralExpiry CrlValidity(CertificateRevocationList crl, string name) =>
        new(name, crl.ThisUpdate, crl.NextUpdate ?? DateTimeOffset.MaxValue);
}
