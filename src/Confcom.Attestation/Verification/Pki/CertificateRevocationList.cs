using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Confcom.Attestation.Verification.Pki;

/// <summary>
/// An X.509 v2 CRL read with <see cref="AsnReader"/>: .NET can build CRLs (<see cref="CertificateRevocationListBuilder"/>)
/// but offers no reader that exposes issuer, dates, entries and signature for an offline check.
/// </summary>
internal sealed class CertificateRevocationList
{
    private const string EcdsaWithSha256 = "1.2.840.10045.4.3.2";
    private const string CrlNumberOid = "2.5.29.20";
    private const string AuthorityKeyIdentifierOid = "2.5.29.35";

    private readonly HashSet<string> _revokedSerials;
    private readonly byte[] _tbs;
    private readonly byte[] _signature;

    private CertificateRevocationList(ReadOnlyMemory<byte> issuer, DateTimeOffset thisUpdate, DateTimeOffset? nextUpdate,
        HashSet<string> revokedSerials, byte[] tbs, byte[] signature, string signatureAlgorithm)
    {
        Issuer = issuer;
        ThisUpdate = thisUpdate;
        NextUpdate = nextUpdate;
        _revokedSerials = revokedSerials;
        _tbs = tbs;
        _signature = signature;
        SignatureAlgorithm = signatureAlgorithm;
    }

    /// <summary>The issuer Name as DER, compared bytewise with certificate names.</summary>
    public ReadOnlyMemory<byte> Issuer { get; }

    /// <summary>The issuer as text, for messages.</summary>
    public string IssuerText => new X500DistinguishedName(Issuer.Span).Name;

    public DateTimeOffset ThisUpdate { get; }

    public DateTimeOffset? NextUpdate { get; }

    public string SignatureAlgorithm { get; }

    public int RevokedCount => _revokedSerials.Count;

    /// <summary>Parses DER; throws <see cref="FormatException"/> naming <paramref name="name"/> on any structural problem.</summary>
    public static CertificateRevocationList Parse(ReadOnlyMemory<byte> der, string name)
    {
        try
        {
            var outer = new AsnReader(der, AsnEncodingRules.DER);
            var certificateList = outer.ReadSequence();
            outer.ThrowIfNotEmpty();

            var tbs = certificateList.ReadEncodedValue().ToArray();
            var algorithm = certificateList.ReadSequence();
            var signatureAlgorithm = algorithm.ReadObjectIdentifier();
            var signature = certificateList.ReadBitString(out var unused);
            certificateList.ThrowIfNotEmpty();
            if (unused != 0)
            {
                throw new FormatException("signature BIT STRING has unused bits");
            }

            var tbsReader = new AsnReader(tbs, AsnEncodingRules.DER).ReadSequence();
            if (tbsReader.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
            {
                tbsReader.ReadInteger(); // version v2
            }
            var innerAlgorithm = tbsReader.ReadSequence().ReadObjectIdentifier();
            if (innerAlgorithm != signatureAlgorithm)
            {
                throw new FormatException($"signature algorithm {innerAlgorithm} in the body differs from {signatureAlgorithm} outside");
            }
            var issuer = tbsReader.ReadEncodedValue().ToArray();
            var thisUpdate = ReadTime(tbsReader);
            DateTimeOffset? nextUpdate = null;
            if (tbsReader.HasData && (tbsReader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) ||
                                      tbsReader.PeekTag().HasSameClassAndValue(Asn1Tag.GeneralizedTime)))
            {
                nextUpdate = ReadTime(tbsReader);
            }
            var revoked = new HashSet<string>(StringComparer.Ordinal);
            if (tbsReader.HasData && tbsReader.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
            {
                var entries = tbsReader.ReadSequence();
                while (entries.HasData)
                {
                    var entry = entries.ReadSequence();
                    revoked.Add(Convert.ToHexString(entry.ReadIntegerBytes().Span));
                }
            }
            // QVL (PckCrlVerifier) requires the CRL Number and Authority Key Identifier extensions.
            var extensions = new HashSet<string>(StringComparer.Ordinal);
            var extensionsTag = new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true);
            if (tbsReader.HasData && tbsReader.PeekTag().HasSameClassAndValue(extensionsTag))
            {
                var list = tbsReader.ReadSequence(extensionsTag).ReadSequence();
                while (list.HasData)
                {
                    extensions.Add(list.ReadSequence().ReadObjectIdentifier());
                }
            }
            foreach (var (oid, extensionName) in new[] { (CrlNumberOid, "CRL Number"), (AuthorityKeyIdentifierOid, "Authority Key Identifier") })
            {
                if (!extensions.Contains(oid))
                {
                    throw new FormatException($"the {extensionName} extension ({oid}) is missing");
                }
            }
            return new CertificateRevocationList(issuer, thisUpdate, nextUpdate, revoked, tbs, signature, signatureAlgorithm);
        }
        catch (AsnContentException ex)
        {
            throw new FormatException($"{name}: not a DER X.509 CRL ({ex.Message})", ex);
        }
        catch (CryptographicException ex)
        {
            throw new FormatException($"{name}: not a DER X.509 CRL ({ex.Message})", ex);
        }
        catch (FormatException ex) when (!ex.Message.StartsWith(name, StringComparison.Ordinal))
        {
            throw new FormatException($"{name}: {ex.Message}", ex);
        }
    }

    /// <summary>Checks the signature with the issuer's key; the answer is remembered for that issuer object.</summary>
    public bool IsSignedBy(ParsedCertificate issuer)
    {
        if (SignatureAlgorithm != EcdsaWithSha256)
        {
            return false;
        }
        if (ReferenceEquals(Volatile.Read(ref _verifiedIssuer), issuer))
        {
            return true;
        }
        bool valid;
        try
        {
            valid = issuer.Key.VerifyData(_tbs, _signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            valid = false;
        }
        if (valid)
        {
            Volatile.Write(ref _verifiedIssuer, issuer);
        }
        return valid;
    }

    private ParsedCertificate? _verifiedIssuer;

    public bool Revokes(ParsedCertificate certificate) => _revokedSerials.Contains(Convert.ToHexString(certificate.SerialNumber.Span));

    private static DateTimeOffset ReadTime(AsnReader reader) =>
        reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) ? reader.ReadUtcTime() : reader.ReadGeneralizedTime();
}
