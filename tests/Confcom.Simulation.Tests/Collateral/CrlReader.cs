using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Confcom.Simulation.Tests.Collateral;

/// <summary>Test-side reading of an X.509 CRL (RFC 5280 §5.1) with System.Formats.Asn1.</summary>
internal sealed class CrlReader
{
    private CrlReader(byte[] tbs, byte[] signature, string issuer, DateTimeOffset thisUpdate, DateTimeOffset nextUpdate,
        List<BigInteger> revoked, Dictionary<string, byte[]> extensions)
    {
        Tbs = tbs;
        Signature = signature;
        Issuer = issuer;
        ThisUpdate = thisUpdate;
        NextUpdate = nextUpdate;
        RevokedSerials = revoked;
        Extensions = extensions;
    }

    public byte[] Tbs { get; }
    public byte[] Signature { get; }
    public string Issuer { get; }
    public DateTimeOffset ThisUpdate { get; }
    public DateTimeOffset NextUpdate { get; }
    public List<BigInteger> RevokedSerials { get; }
    public Dictionary<string, byte[]> Extensions { get; }

    public static CrlReader Parse(byte[] der)
    {
        var outer = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        var tbsBytes = outer.PeekEncodedValue().ToArray();
        var tbs = outer.ReadSequence();
        outer.ReadSequence(); // signatureAlgorithm
        var signature = outer.ReadBitString(out _);

        tbs.ReadInteger(); // version v2
        tbs.ReadSequence(); // signature algorithm
        var issuer = new X500DistinguishedName(tbs.ReadEncodedValue().ToArray()).Name;
        var thisUpdate = tbs.ReadUtcTime();
        var nextUpdate = tbs.ReadUtcTime();
        var revoked = new List<BigInteger>();
        var extensions = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        while (tbs.HasData)
        {
            var tag = tbs.PeekTag();
            if (tag.HasSameClassAndValue(Asn1Tag.Sequence))
            {
                var list = tbs.ReadSequence();
                while (list.HasData)
                {
                    var entry = list.ReadSequence();
                    revoked.Add(entry.ReadInteger());
                }
            }
            else
            {
                var wrapper = tbs.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0));
                var list = wrapper.ReadSequence();
                while (list.HasData)
                {
                    var extension = list.ReadSequence();
                    var oid = extension.ReadObjectIdentifier();
                    if (extension.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean))
                    {
                        extension.ReadBoolean();
                    }
                    extensions[oid] = extension.ReadOctetString();
                }
            }
        }
        return new CrlReader(tbsBytes, signature, issuer, thisUpdate, nextUpdate, revoked, extensions);
    }

    public bool IsSignedBy(X509Certificate2 issuer)
    {
        using var key = issuer.GetECDsaPublicKey()!;
        return key.VerifyData(Tbs, Signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }
}
