using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Confcom.Attestation.Verification.Pki;

namespace Confcom.Attestation.Tests.Verification;

public class CertificateRevocationListTests
{
    [Fact]
    public void ReadsTheRealIntelCrls()
    {
        var collateral = Samples.SgxCollateral();
        var pckCrl = CertificateRevocationList.Parse(collateral.PckCrl, "PCK CRL");
        var rootCrl = CertificateRevocationList.Parse(collateral.RootCaCrl, "Root CA CRL");

        Assert.Contains("CN=Intel SGX PCK Processor CA", pckCrl.IssuerText, StringComparison.Ordinal);
        Assert.Contains("CN=Intel SGX Root CA", rootCrl.IssuerText, StringComparison.Ordinal);
        Assert.True(pckCrl.NextUpdate > pckCrl.ThisUpdate);
        Assert.Equal(0, pckCrl.RevokedCount); // openssl crl -text: "No Revoked Certificates."
        var chain = new X509Certificate2Collection();
        chain.ImportFromPem(collateral.TcbInfoIssuerChain);
        var root = ParsedCertificate.Parse(chain[^1].RawData);
        Assert.True(rootCrl.IsSignedBy(root));
    }

    [Fact]
    public void BuiltCrlListsItsEntryAndVerifiesOnlyWithItsIssuer()
    {
        using var pki = new TestPki(Samples.SgxTime);
        var der = new CertificateRevocationListBuilder();
        der.AddEntry(pki.Pck);
        var crl = CertificateRevocationList.Parse(der.Build(pki.PckCa, 7, pki.NotAfter, HashAlgorithmName.SHA256, thisUpdate: pki.NotBefore), "test CRL");

        var pck = ParsedCertificate.Parse(pki.Pck.RawData);
        var pckCa = ParsedCertificate.Parse(pki.PckCa.RawData);
        Assert.True(crl.Revokes(pck));
        Assert.False(crl.Revokes(pckCa));
        Assert.True(crl.IsSignedBy(pckCa));
        Assert.False(crl.IsSignedBy(ParsedCertificate.Parse(pki.Root.RawData)));
    }

    [Fact]
    public void CrlWithoutTheExtensionsQvlRequiresIsRejected()
    {
        // A syntactically valid v2 CRL with no extensions, signed by the test CA.
        using var pki = new TestPki(Samples.SgxTime);
        var tbs = new AsnWriter(AsnEncodingRules.DER);
        using (tbs.PushSequence())
        {
            tbs.WriteInteger(1);
            using (tbs.PushSequence())
            {
                tbs.WriteObjectIdentifier("1.2.840.10045.4.3.2");
            }
            tbs.WriteEncodedValue(pki.PckCa.SubjectName.RawData);
            tbs.WriteUtcTime(pki.NotBefore);
            tbs.WriteUtcTime(pki.NotAfter);
        }
        var tbsBytes = tbs.Encode();
        var signature = pki.PckCa.GetECDsaPrivateKey()!.SignData(tbsBytes, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var crl = new AsnWriter(AsnEncodingRules.DER);
        using (crl.PushSequence())
        {
            crl.WriteEncodedValue(tbsBytes);
            using (crl.PushSequence())
            {
                crl.WriteObjectIdentifier("1.2.840.10045.4.3.2");
            }
            crl.WriteBitString(signature);
        }

        var ex = Assert.Throws<FormatException>(() => CertificateRevocationList.Parse(crl.Encode(), "bare CRL"));
        Assert.Contains("CRL Number", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GarbageIsAFormatErrorNamingTheCrl()
    {
        var ex = Assert.Throws<FormatException>(() => CertificateRevocationList.Parse(new byte[] { 0x30, 0x03, 0x02, 0x01 }, "Root CA CRL"));
        Assert.StartsWith("Root CA CRL:", ex.Message, StringComparison.Ordinal);
    }
}
