using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using Confcom.Sgx.Pck;
using Confcom.TestData;

namespace Confcom.Sgx.Tests.Pck;

public class PckCertificateExtensionTests
{
    /// <summary>
    /// Expected values were read independently with <c>openssl asn1parse -strparse 627</c> on the leaf PEM cut
    /// from tests/testdata/quotes/sgx_quote: PPID D04E…2DDF, components 11 11 2 2 255 1 0…, PCESVN 13,
    /// CPUSVN 0B0B0202FF01…, PCE-ID 0000, FMSPC 00A067110000 (as the README says), SGX type 0.
    /// Component 05 is DER <c>02 02 00 FF</c>, so this also covers two-byte INTEGERs.
    /// </summary>
    [Fact]
    public void SampleLeafExtensionMatchesOpensslDump()
    {
        using var leaf = SampleQuotePckLeaf.Load();
        Assert.Contains("CN=Intel SGX PCK Certificate", leaf.Subject, StringComparison.Ordinal);

        var extension = PckCertificateExtension.Parse(leaf);

        Assert.Equal(Convert.FromHexString("D04EC06D4E6D92DC90D0AD3CF5EE2DDF"), extension.Ppid.ToArray());
        Assert.Equal(new byte[] { 11, 11, 2, 2, 255, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, extension.Tcb.ComponentSvns.ToArray());
        Assert.Equal(13, extension.Tcb.PceSvn);
        Assert.Equal(Convert.FromHexString("0B0B0202FF0100000000000000000000"), extension.Tcb.CpuSvn.ToArray());
        Assert.Equal(Convert.FromHexString("0000"), extension.PceId.ToArray());
        Assert.Equal(Convert.FromHexString("00A067110000"), extension.Fmspc.ToArray());
        Assert.Equal(SgxType.Standard, extension.SgxType);
        Assert.False(extension.HasPlatformInstanceId);
        Assert.Null(extension.Configuration);
    }

    /// <summary>The encoder's expected output is Intel's own: re-encoding the real sample's items gives its DER back.</summary>
    [Fact]
    public void EncodingTheSampleItemsGivesIntelsExactDer()
    {
        using var leaf = SampleQuotePckLeaf.Load();
        var intelDer = leaf.Extensions[SgxExtensionOids.SgxExtension]!.RawData;
        var parsed = PckCertificateExtension.Parse(intelDer);

        var rebuilt = PckCertificateExtension.Create(parsed.Ppid, parsed.Tcb, parsed.PceId, parsed.Fmspc, parsed.SgxType);

        Assert.Equal(intelDer, rebuilt.Encode());
    }

    [Fact]
    public void PlatformCaExtensionSurvivesEncodeThenParse()
    {
        var tcb = new PckTcb([.. Enumerable.Range(1, 16).Select(i => (byte)i)], 0x1234, new byte[16]);
        var written = PckCertificateExtension.Create(new byte[16], tcb, [0, 1], [1, 2, 3, 4, 5, 6], SgxType.ScalableWithIntegrity,
            [.. Enumerable.Range(0x40, 16).Select(b => (byte)b)], new PckPlatformConfiguration(true, null, false));

        var read = PckCertificateExtension.Parse(written.ToX509Extension().RawData);

        Assert.Equal(tcb.ComponentSvns.ToArray(), read.Tcb.ComponentSvns.ToArray());
        Assert.Equal(0x1234, read.Tcb.PceSvn);
        Assert.Equal(SgxType.ScalableWithIntegrity, read.SgxType);
        Assert.Equal(0x40, read.PlatformInstanceId[0]);
        Assert.Equal(new PckPlatformConfiguration(true, null, false), read.Configuration);
    }

    [Fact]
    public void PlatformCaItemsAndUnknownItemsDecode()
    {
        var der = ExtensionDer(new ExtensionShape
        {
            PlatformInstanceId = Enumerable.Range(0x40, 16).Select(b => (byte)b).ToArray(),
            Configuration = (true, false, true),
            SgxType = 1,
            ExtraItem = true,
        });

        var extension = PckCertificateExtension.Parse(der);

        Assert.Equal(SgxType.Scalable, extension.SgxType);
        Assert.True(extension.HasPlatformInstanceId);
        Assert.Equal(0x40, extension.PlatformInstanceId[0]);
        Assert.Equal(new PckPlatformConfiguration(true, false, true), extension.Configuration);
        Assert.Equal(Enumerable.Range(1, 16).Select(i => (byte)(i * 15)).ToArray(), extension.Tcb.ComponentSvns.ToArray());
        Assert.Equal(0x1234, extension.Tcb.PceSvn);
    }

    [Theory]
    [InlineData("1.2.840.113741.1.13.1.1")]
    [InlineData("1.2.840.113741.1.13.1.2")]
    [InlineData("1.2.840.113741.1.13.1.3")]
    [InlineData("1.2.840.113741.1.13.1.4")]
    [InlineData("1.2.840.113741.1.13.1.5")]
    [InlineData("1.2.840.113741.1.13.1.2.7")]
    [InlineData("1.2.840.113741.1.13.1.2.17")]
    [InlineData("1.2.840.113741.1.13.1.2.18")]
    public void MissingRequiredItemIsNamedByOid(string oid)
    {
        var der = ExtensionDer(new ExtensionShape { Omit = oid });

        var ex = Assert.Throws<PckExtensionFormatException>(() => PckCertificateExtension.Parse(der));
        Assert.Equal(oid, ex.Oid);
        Assert.Contains(oid, ex.Message, StringComparison.Ordinal);
        Assert.Contains("missing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongFmspcLengthAndOutOfRangeSvnAreFormatErrors()
    {
        var shortFmspc = Assert.Throws<PckExtensionFormatException>(() => PckCertificateExtension.Parse(ExtensionDer(new ExtensionShape { FmspcLength = 5 })));
        Assert.Equal(SgxExtensionOids.Fmspc, shortFmspc.Oid);

        var bigSvn = Assert.Throws<PckExtensionFormatException>(() => PckCertificateExtension.Parse(ExtensionDer(new ExtensionShape { Component3 = 256 })));
        Assert.Equal(SgxExtensionOids.TcbComponent(3), bigSvn.Oid);
    }

    [Fact]
    public void EveryTruncationOfTheSampleExtensionIsAFormatError()
    {
        using var leaf = SampleQuotePckLeaf.Load();
        var der = leaf.Extensions[SgxExtensionOids.SgxExtension]!.RawData;
        for (var length = 0; length < der.Length; length++)
        {
            Assert.IsType<PckExtensionFormatException>(Record.Exception(() => PckCertificateExtension.Parse(der.AsSpan(0, length))));
        }
    }

    [Fact]
    public void CertificateWithoutTheExtensionIsAFormatError()
    {
        using var key = System.Security.Cryptography.ECDsa.Create();
        var request = new CertificateRequest("CN=not a PCK", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(1));

        var ex = Assert.Throws<PckExtensionFormatException>(() => PckCertificateExtension.Parse(certificate));
        Assert.Equal(SgxExtensionOids.SgxExtension, ex.Oid);
    }

    private sealed class ExtensionShape
    {
        public string? Omit { get; init; }
        public int FmspcLength { get; init; } = 6;
        public int Component3 { get; init; } = 45;
        public int SgxType { get; init; }
        public byte[]? PlatformInstanceId { get; init; }
        public (bool, bool, bool)? Configuration { get; init; }
        public bool ExtraItem { get; init; }
    }

    /// <summary>Writes an extension value the way QVL's parser expects it (SEQUENCE of SEQUENCE { OID, value }).</summary>
    private static byte[] ExtensionDer(ExtensionShape shape)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            Item(writer, shape, SgxExtensionOids.Ppid, w => w.WriteOctetString(new byte[16]));
            Item(writer, shape, SgxExtensionOids.Tcb, w =>
            {
                using (w.PushSequence())
                {
                    for (var i = 1; i <= 16; i++)
                    {
                        var svn = i == 3 ? shape.Component3 : i * 15;
                        Item(w, shape, SgxExtensionOids.TcbComponent(i), c => c.WriteInteger(svn));
                    }
                    Item(w, shape, SgxExtensionOids.PceSvn, c => c.WriteInteger(0x1234));
                    Item(w, shape, SgxExtensionOids.CpuSvn, c => c.WriteOctetString(new byte[16]));
                }
            });
            Item(writer, shape, SgxExtensionOids.PceId, w => w.WriteOctetString(new byte[2]));
            Item(writer, shape, SgxExtensionOids.Fmspc, w => w.WriteOctetString(new byte[shape.FmspcLength]));
            Item(writer, shape, SgxExtensionOids.SgxType, w => w.WriteEnumeratedValue((SgxType)shape.SgxType));
            if (shape.PlatformInstanceId is { } id)
            {
                Item(writer, shape, SgxExtensionOids.PlatformInstanceId, w => w.WriteOctetString(id));
            }
            if (shape.Configuration is var (dynamicPlatform, cachedKeys, smt))
            {
                Item(writer, shape, SgxExtensionOids.Configuration, w =>
                {
                    using (w.PushSequence())
                    {
                        Item(w, shape, SgxExtensionOids.DynamicPlatform, c => c.WriteBoolean(dynamicPlatform));
                        Item(w, shape, SgxExtensionOids.CachedKeys, c => c.WriteBoolean(cachedKeys));
                        Item(w, shape, SgxExtensionOids.SmtEnabled, c => c.WriteBoolean(smt));
                    }
                });
            }
            if (shape.ExtraItem)
            {
                Item(writer, shape, SgxExtensionOids.SgxExtension + ".99", w => w.WriteNull());
            }
        }
        return writer.Encode();
    }

    private static void Item(AsnWriter writer, ExtensionShape shape, string oid, Action<AsnWriter> value)
    {
        if (shape.Omit == oid)
        {
            return;
        }
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
            value(writer);
        }
    }
}
