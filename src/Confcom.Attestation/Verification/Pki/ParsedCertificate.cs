using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Confcom.Attestation.Verification.Pki;

/// <summary>
/// An X.509 v3 certificate of Intel's SGX PKI read with <see cref="AsnReader"/> (strict DER): the signed TBS bytes,
/// names, validity, the P-256 key and the extensions chain checks need. Loading an
/// <see cref="X509Certificate2"/> costs more than verifying its signature on Linux (OpenSSL decode plus managed
/// wrappers), and a verification touches up to nine of them, so the verifier reads certificates itself. Only
/// ecdsa-with-SHA256 over P-256 is accepted, as in QVL.
/// </summary>
internal sealed class ParsedCertificate
{
    private const string EcdsaWithSha256 = "1.2.840.10045.4.3.2";
    private const string EcPublicKey = "1.2.840.10045.2.1";
    private const string P256 = "1.2.840.10045.3.1.7";
    private const string CommonNameOid = "2.5.4.3";
    private const string BasicConstraintsOid = "2.5.29.19";
    private const string KeyUsageOid = "2.5.29.15";
    internal const string SgxExtensionOid = "1.2.840.113741.1.13.1";

    private static readonly Asn1Tag VersionTag = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag IssuerUniqueIdTag = new(TagClass.ContextSpecific, 1);
    private static readonly Asn1Tag SubjectUniqueIdTag = new(TagClass.ContextSpecific, 2);
    private static readonly Asn1Tag ExtensionsTag = new(TagClass.ContextSpecific, 3, isConstructed: true);

    private ECDsa? _key;
    private ParsedCertificate? _verifiedIssuer;
    private string? _subject;

    private ParsedCertificate(byte[] der) => Der = der;

    public byte[] Der { get; }

    public ReadOnlyMemory<byte> Tbs { get; private set; }

    /// <summary>The DER ECDSA-Sig-Value from the signature BIT STRING.</summary>
    public ReadOnlyMemory<byte> Signature { get; private set; }

    /// <summary>Big-endian INTEGER contents, as CRL entries list them.</summary>
    public ReadOnlyMemory<byte> SerialNumber { get; private set; }

    public ReadOnlyMemory<byte> IssuerName { get; private set; }

    public ReadOnlyMemory<byte> SubjectName { get; private set; }

    public DateTimeOffset NotBefore { get; private set; }

    public DateTimeOffset NotAfter { get; private set; }

    /// <summary>The uncompressed P-256 point 04 ‖ X ‖ Y.</summary>
    public ReadOnlyMemory<byte> PublicKey { get; private set; }

    public string CommonName { get; private set; } = "";

    /// <summary>basicConstraints cA.</summary>
    public bool IsCertificateAuthority { get; private set; }

    /// <summary>basicConstraints pathLenConstraint, when present.</summary>
    public int? PathLength { get; private set; }

    /// <summary>keyUsage keyCertSign; true when the certificate has no keyUsage extension (RFC 5280 §4.2.1.3).</summary>
    public bool MaySignCertificates { get; private set; } = true;

    /// <summary>The contents of the SGX extension's extnValue (PCK certificates only).</summary>
    public ReadOnlyMemory<byte>? SgxExtension { get; private set; }

    /// <summary>Critical extensions the verifier does not process; a chain holding one is refused, as X509Chain does.</summary>
    public IReadOnlyList<string> UnhandledCriticalExtensions { get; private set; } = [];

    public bool IsSelfIssued => IssuerName.Span.SequenceEqual(SubjectName.Span);

    /// <summary>The subject as text, for messages only (decoding a name is not free).</summary>
    public string Subject => _subject ??= new X500DistinguishedName(SubjectName.Span).Name;

    /// <summary>
    /// The P-256 key, imported once (an import costs more than a verification). Throws
    /// <see cref="FormatException"/> when the point is not on the curve.
    /// </summary>
    public ECDsa Key => Volatile.Read(ref _key) ?? ImportOnce();

    /// <summary>Uses an already imported key with the same point (the trust anchor's, for a root certificate).</summary>
    public void UseKey(ECDsa key) => Interlocked.CompareExchange(ref _key, key, null);

    private ECDsa ImportOnce()
    {
        var imported = ImportKey();
        var previous = Interlocked.CompareExchange(ref _key, imported, null);
        if (previous is null)
        {
            return imported;
        }
        imported.Dispose();
        return previous;
    }

    /// <summary>Reads a certificate; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static ParsedCertificate Parse(byte[] der)
    {
        var certificate = new ParsedCertificate(der);
        try
        {
            certificate.Read();
        }
        catch (AsnContentException ex)
        {
            throw new FormatException($"not a DER X.509 certificate ({ex.Message})", ex);
        }
        return certificate;
    }

    /// <summary>
    /// Whether <paramref name="issuer"/>'s key verifies this certificate's signature. The answer is remembered for
    /// that issuer object: within one verifier the same intermediate appears in several chains.
    /// </summary>
    public bool IsSignedBy(ParsedCertificate issuer)
    {
        if (ReferenceEquals(Volatile.Read(ref _verifiedIssuer), issuer))
        {
            return true;
        }
        bool valid;
        try
        {
            valid = issuer.Key.VerifyData(Tbs.Span, Signature.Span, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
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

    private ECDsa ImportKey()
    {
        var point = PublicKey.Span;
        try
        {
            return ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = point.Slice(1, 32).ToArray(), Y = point.Slice(33, 32).ToArray() },
            });
        }
        catch (CryptographicException ex)
        {
            throw new FormatException($"certificate '{CommonName}': the public key is not a P-256 point ({ex.Message})", ex);
        }
    }

    private void Read()
    {
        var outer = new AsnReader(Der, AsnEncodingRules.DER);
        var certificate = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        Tbs = certificate.ReadEncodedValue();
        var outerAlgorithm = ReadAlgorithm(certificate);
        Signature = certificate.ReadBitString(out var unused);
        certificate.ThrowIfNotEmpty();
        if (unused != 0)
        {
            throw new FormatException("the signature BIT STRING has unused bits");
        }

        var tbs = new AsnReader(Tbs, AsnEncodingRules.DER).ReadSequence();
        var versionReader = tbs.ReadSequence(VersionTag);
        if (!versionReader.TryReadInt32(out var version) || version != 2)
        {
            throw new FormatException("not an X.509 v3 certificate");
        }
        versionReader.ThrowIfNotEmpty();
        SerialNumber = tbs.ReadIntegerBytes();
        var innerAlgorithm = ReadAlgorithm(tbs);
        if (innerAlgorithm != outerAlgorithm)
        {
            throw new FormatException($"signature algorithm {innerAlgorithm} in the body differs from {outerAlgorithm} outside");
        }
        if (outerAlgorithm != EcdsaWithSha256)
        {
            throw new FormatException($"signature algorithm {outerAlgorithm} is not ecdsa-with-SHA256");
        }
        IssuerName = tbs.ReadEncodedValue();
        var validity = tbs.ReadSequence();
        NotBefore = ReadTime(validity);
        NotAfter = ReadTime(validity);
        validity.ThrowIfNotEmpty();
        SubjectName = tbs.ReadEncodedValue();
        CommonName = ReadCommonName(SubjectName);
        ReadPublicKey(tbs.ReadSequence());
        if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(IssuerUniqueIdTag))
        {
            tbs.ReadBitString(out _, IssuerUniqueIdTag);
        }
        if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(SubjectUniqueIdTag))
        {
            tbs.ReadBitString(out _, SubjectUniqueIdTag);
        }
        if (tbs.HasData)
        {
            ReadExtensions(tbs.ReadSequence(ExtensionsTag));
        }
        tbs.ThrowIfNotEmpty();
    }

    private static string ReadAlgorithm(AsnReader reader)
    {
        var algorithm = reader.ReadSequence();
        var oid = algorithm.ReadObjectIdentifier();
        // ecdsa-with-SHA256 has no parameters (RFC 5758 §3.2).
        algorithm.ThrowIfNotEmpty();
        return oid;
    }

    private void ReadPublicKey(AsnReader spki)
    {
        var algorithm = spki.ReadSequence();
        var keyType = algorithm.ReadObjectIdentifier();
        var curve = algorithm.HasData ? algorithm.ReadObjectIdentifier() : "(none)";
        algorithm.ThrowIfNotEmpty();
        if (keyType != EcPublicKey || curve != P256)
        {
            throw new FormatException($"the public key is {keyType}/{curve}, not an EC P-256 key");
        }
        var point = spki.ReadBitString(out var unused);
        spki.ThrowIfNotEmpty();
        if (unused != 0 || point.Length != 65 || point[0] != 0x04)
        {
            throw new FormatException("the public key is not an uncompressed P-256 point");
        }
        PublicKey = point;
    }

    private void ReadExtensions(AsnReader explicitWrapper)
    {
        var list = explicitWrapper.ReadSequence();
        explicitWrapper.ThrowIfNotEmpty();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        List<string>? unhandled = null;
        while (list.HasData)
        {
            var extension = list.ReadSequence();
            var oid = extension.ReadObjectIdentifier();
            var critical = extension.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean) && extension.ReadBoolean();
            var value = extension.ReadOctetString();
            extension.ThrowIfNotEmpty();
            if (!seen.Add(oid))
            {
                throw new FormatException($"extension {oid} appears twice (RFC 5280 §4.2)");
            }
            switch (oid)
            {
                case BasicConstraintsOid:
                    ReadBasicConstraints(value);
                    break;
                case KeyUsageOid:
                    ReadKeyUsage(value);
                    break;
                case SgxExtensionOid:
                    SgxExtension = value;
                    goto default;
                default:
                    if (critical)
                    {
                        (unhandled ??= []).Add(oid);
                    }
                    break;
            }
        }
        UnhandledCriticalExtensions = (IReadOnlyList<string>?)unhandled ?? [];
    }

    private void ReadBasicConstraints(byte[] value)
    {
        var reader = new AsnReader(value, AsnEncodingRules.DER);
        var sequence = reader.ReadSequence();
        reader.ThrowIfNotEmpty();
        if (sequence.HasData && sequence.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean))
        {
            IsCertificateAuthority = sequence.ReadBoolean();
        }
        if (sequence.HasData)
        {
            PathLength = sequence.TryReadInt32(out var length) && length >= 0
                ? length
                : throw new FormatException("basicConstraints pathLenConstraint is not a small non-negative integer");
        }
        sequence.ThrowIfNotEmpty();
    }

    private void ReadKeyUsage(byte[] value)
    {
        var reader = new AsnReader(value, AsnEncodingRules.DER);
        var bits = reader.ReadBitString(out _);
        reader.ThrowIfNotEmpty();
        // Named bit 5 (keyCertSign) is the third-lowest bit of the first octet, counted from the top.
        MaySignCertificates = bits.Length > 0 && (bits[0] & 0x04) != 0;
    }

    private static string ReadCommonName(ReadOnlyMemory<byte> name)
    {
        var rdns = new AsnReader(name, AsnEncodingRules.DER).ReadSequence();
        while (rdns.HasData)
        {
            var set = rdns.ReadSetOf();
            while (set.HasData)
            {
                var attribute = set.ReadSequence();
                if (attribute.ReadObjectIdentifier() == CommonNameOid)
                {
                    var tag = attribute.PeekTag();
                    return tag.TagClass == TagClass.Universal && (UniversalTagNumber)tag.TagValue is UniversalTagNumber.UTF8String or
                            UniversalTagNumber.PrintableString or UniversalTagNumber.IA5String or UniversalTagNumber.T61String or
                            UniversalTagNumber.BMPString or UniversalTagNumber.VisibleString or UniversalTagNumber.NumericString
                        ? attribute.ReadCharacterString((UniversalTagNumber)tag.TagValue)
                        : throw new FormatException("the common name is not a character string");
                }
            }
        }
        return "";
    }

    private static DateTimeOffset ReadTime(AsnReader reader) =>
        reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) ? reader.ReadUtcTime() : reader.ReadGeneralizedTime();
}
