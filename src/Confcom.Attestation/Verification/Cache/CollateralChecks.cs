using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Confcom.Attestation.Collateral;
using Confcom.Attestation.Verification.Pki;
using Confcom.Attestation.Verification.Tcb;
using Confcom.Sgx.Collateral;

namespace Confcom.Attestation.Verification.Cache;

/// <summary>The quote-independent checks of QvE steps 2 and 3 (and the Root CA CRL of step 1) on a collateral bundle.</summary>
internal static class CollateralChecks
{
    public static VerifiedCollateral Verify(QuoteCollateral collateral, TrustAnchor anchor, ChainCache chains, CrlCache crls, DateTimeOffset at)
    {
        var validity = new List<CollateralExpiry>();

        // Root CA CRL: issued and signed by the anchored root. The root certificate comes from the TCB Info
        // chain (any anchored chain carries the same root key).
        CertificateRevocationList? rootCrl = null;
        X509Certificate2? root = null;
        var rootCrlFailure = Attempt(VerificationCheck.RootCaCrl, () =>
        {
            var chain = PemCertificateChain.Parse(collateral.TcbInfoIssuerChain, "TCB Info issuer chain");
            root = chain[^1];
            if (!anchor.Matches(root))
            {
                throw VerificationFailure.Unspecified(VerificationCheck.TrustedRoot,
                    $"TCB Info issuer chain: root '{root.Subject}' does not carry the key of the trusted root {anchor.Description}");
            }
            rootCrl = ParseCrl(crls, collateral.RootCaCrl, "Root CA CRL", VerificationCheck.RootCaCrl);
            if (!rootCrl.Issuer.RawData.AsSpan().SequenceEqual(root.SubjectName.RawData))
            {
                throw VerificationFailure.Unspecified(VerificationCheck.RootCaCrl,
                    $"Root CA CRL: issuer '{rootCrl.Issuer.Name}' is not the root '{root.Subject}'");
            }
            if (!rootCrl.IsSignedBy(root))
            {
                throw new VerificationFailure(VerificationCheck.RootCaCrl, QuoteVerificationStatus.InvalidSignature,
                    $"Root CA CRL: signature does not verify with the root '{root.Subject}'");
            }
            validity.Add(CrlValidity(rootCrl, "Root CA CRL"));
        });

        if (rootCrlFailure is not null)
        {
            rootCrl = null;
        }

        // PCK CRL: parsed here; issuer and signature depend on the quote's PCK chain.
        CertificateRevocationList? pckCrl = null;
        var pckCrlFailure = Attempt(VerificationCheck.PckCrl, () =>
        {
            pckCrl = ParseCrl(crls, collateral.PckCrl, "PCK CRL", VerificationCheck.PckCrl);
            validity.Add(CrlValidity(pckCrl, "PCK CRL"));
            var validated = chains.Validate(collateral.PckCrlIssuerChain, "PCK CRL issuer chain", VerificationCheck.PckCrl, "CA", at);
            validity.AddRange(validated.Validity);
        });

        TcbInfo? tcbInfo = null;
        IReadOnlyList<TcbLevel> descending = [];
        var tcbFailure = Attempt(VerificationCheck.TcbInfo, () =>
        {
            var signer = SigningChain(chains, collateral.TcbInfoIssuerChain, "TCB Info issuer chain", VerificationCheck.TcbInfo, rootCrl, at, validity);
            CheckJsonSignature(signer, collateral.TcbInfo, collateral.TcbInfoSignature, "TCB Info", VerificationCheck.TcbInfo);
            tcbInfo = TcbInfo.Parse(collateral.TcbInfo);
            descending = TcbLevelMatcher.Descending(tcbInfo.TcbLevels);
            validity.Add(new CollateralExpiry($"TCB Info (fmspc {Convert.ToHexString(tcbInfo.Fmspc)})", tcbInfo.IssueDate, tcbInfo.NextUpdate));
        });

        QeIdentity? qeIdentity = null;
        var qeFailure = Attempt(VerificationCheck.QeIdentity, () =>
        {
            // A failed TCB Info ends verification at QvE step 2, before the QE Identity matters.
            if (tcbFailure is not null)
            {
                throw VerificationFailure.Unspecified(VerificationCheck.QeIdentity, "not checked: the TCB Info failed first");
            }
            var signer = SigningChain(chains, collateral.QeIdentityIssuerChain, "QE Identity issuer chain", VerificationCheck.QeIdentity, rootCrl, at, validity);
            CheckJsonSignature(signer, collateral.QeIdentity, collateral.QeIdentitySignature, "QE Identity", VerificationCheck.QeIdentity);
            qeIdentity = QeIdentity.Parse(collateral.QeIdentity);
            validity.Add(new CollateralExpiry($"QE Identity ({qeIdentity.Id})", qeIdentity.IssueDate, qeIdentity.NextUpdate));
        });

        if (pckCrlFailure is not null)
        {
            pckCrl = null;
        }
        if (tcbFailure is not null)
        {
            tcbInfo = null;
        }
        if (qeFailure is not null)
        {
            qeIdentity = null;
        }
        return new VerifiedCollateral
        {
            Window = ValidityWindow.Around(validity, at),
            Validity = validity,
            RootCaCrl = rootCrl,
            RootCaCrlFailure = rootCrlFailure,
            PckCrl = pckCrl,
            PckCrlFailure = pckCrlFailure,
            TcbInfo = tcbInfo,
            TcbLevelsDescending = descending,
            TcbInfoFailure = tcbFailure,
            QeIdentity = qeIdentity,
            QeIdentityFailure = qeFailure,
        };
    }

    /// <summary>
    /// Runs one collateral check; a failure of any kind becomes that check's <see cref="VerificationFailure"/>, so
    /// the bundle still records the other items' results (a later quote may only need those).
    /// </summary>
    private static VerificationFailure? Attempt(VerificationCheck check, Action body)
    {
        try
        {
            body();
            return null;
        }
        catch (VerificationFailure failure)
        {
            return failure;
        }
        catch (FormatException ex)
        {
            return VerificationFailure.Unspecified(check, ex.Message);
        }
        catch (CryptographicException ex)
        {
            return VerificationFailure.Unspecified(check, ex.Message);
        }
    }

    /// <summary>SHA-256 over every field, the identity of a bundle for the cache.</summary>
    public static byte[] ContentHash(QuoteCollateral c)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(ReadOnlySpan<byte> bytes)
        {
            Span<byte> length = stackalloc byte[4];
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
            hash.AppendData(length);
            hash.AppendData(bytes);
        }
        void AddText(string? text) => Add(text is null ? [0xFF] : Encoding.UTF8.GetBytes(text));
        AddText(c.PckCrlIssuerChain);
        Add(c.RootCaCrl);
        Add(c.PckCrl);
        AddText(c.TcbInfoIssuerChain);
        AddText(c.TcbInfo);
        Add(c.TcbInfoSignature);
        AddText(c.QeIdentityIssuerChain);
        AddText(c.QeIdentity);
        Add(c.QeIdentitySignature);
        AddText(c.PckCertificateChain);
        return hash.GetHashAndReset();
    }

    private static X509Certificate2 SigningChain(ChainCache chains, string pem, string name, VerificationCheck check,
        CertificateRevocationList? rootCrl, DateTimeOffset at, List<CollateralExpiry> validity)
    {
        var validated = chains.Validate(pem, name, check, "SGX TCB Signing", at);
        if (rootCrl is null)
        {
            throw VerificationFailure.Unspecified(check, $"{name}: cannot check revocation of '{validated.Leaf.Subject}' without a valid Root CA CRL");
        }
        foreach (var certificate in validated.Certificates.Take(validated.Certificates.Count - 1))
        {
            if (rootCrl.Revokes(certificate))
            {
                throw new VerificationFailure(check, QuoteVerificationStatus.Revoked,
                    $"{name}: '{certificate.Subject}' (serial {certificate.SerialNumber}) is revoked by the Root CA CRL");
            }
        }
        validity.AddRange(validated.Validity);
        return validated.Leaf;
    }

    private static void CheckJsonSignature(X509Certificate2 signer, string signedText, byte[] signature, string name, VerificationCheck check)
    {
        using var key = signer.GetECDsaPublicKey()
            ?? throw VerificationFailure.Unspecified(check, $"{name}: signer '{signer.Subject}' has no ECDSA key");
        if (signature.Length != 64 ||
            !key.VerifyData(Encoding.UTF8.GetBytes(signedText), signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
        {
            throw new VerificationFailure(check, QuoteVerificationStatus.InvalidSignature,
                $"{name}: signature does not verify over the exact signed JSON text with '{signer.Subject}'");
        }
    }

    private static CertificateRevocationList ParseCrl(CrlCache crls, byte[] bytes, string name, VerificationCheck check)
    {
        try
        {
            return crls.Get(bytes, name);
        }
        catch (FormatException ex)
        {
            throw VerificationFailure.Unspecified(check, ex.Message);
        }
    }

    private static CollateralExpiry CrlValidity(CertificateRevocationList crl, string name) =>
        new(name, crl.ThisUpdate, crl.NextUpdate ?? DateTimeOffset.MaxValue);
}
