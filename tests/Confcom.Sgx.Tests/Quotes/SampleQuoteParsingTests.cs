using System.Buffers.Binary;
using Confcom.Sgx.Quotes;
using Confcom.Sgx.Structures;

namespace Confcom.Sgx.Tests.Quotes;

/// <summary>
/// The two real quotes parse, every exposed field matches the bytes at the spec's offsets (read here with
/// BinaryPrimitives, not through the codec) or a constant read off <c>xxd</c> (noted beside it), and
/// serialize(parse(q)) reproduces q byte for byte.
/// </summary>
public class SampleQuoteParsingTests
{
    [Fact]
    public void SgxV3SampleFieldsMatchTheSpecOffsets()
    {
        var raw = SampleQuotes.Sgx;
        var quote = Quote.Parse(raw);

        Assert.Equal(raw.Length, quote.Length);
        Assert.Equal(4600, quote.Length); // file size, `ls -l`
        Assert.Equal(3, quote.Header.Version);
        Assert.Equal(QuoteConstants.AttestationKeyTypeEcdsaP256, quote.Header.AttestationKeyType);
        Assert.Equal(TeeType.Sgx, quote.Header.TeeType);
        Assert.Equal(10, quote.Header.QeSvn); // xxd: 0a00 at 8
        Assert.Equal(15, quote.Header.PceSvn); // xxd: 0f00 at 10
        Assert.Equal(Convert.FromHexString("939A7233F79C4CA9940A0DB3957F0607"), quote.Header.QeVendorId.ToArray());
        Assert.Equal(raw[28..48], quote.Header.UserData.ToArray());
        Assert.True(quote.Header.IsSupportedByQvl);

        Assert.Equal(QuoteBodyType.SgxReport, quote.Body.Type);
        var body = Assert.IsType<SgxReportBody>(quote.Body.Sgx);
        Assert.Null(quote.Body.Td);
        Assert.Equal(raw[48..432], body.ToArray());
        Assert.Equal(Convert.FromHexString("33D8736DB756ED4997E04BA358D27833188F1932FF7B1D156904D3F560452FBB"), body.MrEnclave.ToArray()); // xxd 0x70
        Assert.Equal(Convert.FromHexString("815F42F11CF64430C30BAB7816BA596A1DA0130C3B028B673133A66CF9A3E0E6"), body.MrSigner.ToArray()); // xxd 0xb0
        Assert.Equal(0x05UL, body.Attributes.Flags); // INIT | MODE64BIT, xxd 0x60
        Assert.False(body.IsDebug);
        Assert.Equal("Hello, world!"u8.ToArray(), body.ReportData[..13].ToArray()); // xxd 0x170

        Assert.Equal(raw[..432], quote.SignedRegion.ToArray());
        var signatureDataLength = BinaryPrimitives.ReadUInt32LittleEndian(raw.AsSpan(432));
        Assert.Equal((int)signatureDataLength, quote.SignatureDataLength);
        Assert.Equal(raw.Length - 436, quote.SignatureDataLength);

        var signature = quote.Signature;
        Assert.Equal(raw[436..500], signature.IsvSignature.ToArray());
        Assert.Equal(raw[500..564], signature.AttestationPublicKey.ToArray());
        var qe = signature.QeReportCertificationData;
        Assert.Equal(raw[564..948], qe.QeReport.ToArray());
        Assert.Equal(IntelQuotingEnclave.ProductionMrSigner.ToArray(), qe.QeReport.MrSigner.ToArray());
        Assert.Equal(1, qe.QeReport.IsvProdId);
        Assert.Equal(10, qe.QeReport.IsvSvn); // matches header qe_svn
        Assert.Equal(raw[948..1012], qe.QeReportSignature.ToArray());
        var authSize = BinaryPrimitives.ReadUInt16LittleEndian(raw.AsSpan(1012));
        Assert.Equal(32, authSize);
        Assert.Equal(IntelQuotingEnclave.AuthenticationData.ToArray(), qe.AuthenticationData.ToArray());
        var certOffset = 1014 + authSize;
        Assert.Equal(5, BinaryPrimitives.ReadUInt16LittleEndian(raw.AsSpan(certOffset)));
        Assert.Equal(CertificationDataType.PckCertificateChain, qe.CertificationData.Type);
        var certSize = (int)BinaryPrimitives.ReadUInt32LittleEndian(raw.AsSpan(certOffset + 2));
        Assert.Equal(raw.AsSpan(certOffset + 6, certSize).ToArray(), qe.CertificationData.Data.ToArray());
        Assert.Same(qe.CertificationData, signature.CertificationData);

        var pem = Assert.IsType<string>(quote.PckCertificateChainPem);
        Assert.Equal(3, CountOccurrences(pem, "-----BEGIN CERTIFICATE-----"));
        Assert.EndsWith("-----END CERTIFICATE-----\n", pem, StringComparison.Ordinal);
        Assert.Equal(0, raw[^1]); // the NUL QE3 appends is data, not part of the PEM text
    }

    [Fact]
    public void TdxV4SampleFieldsMatchTheSpecOffsets()
    {
        var raw = SampleQuotes.Tdx;
        // The sample file is 5006 bytes but its signature_data_len (0x10CC at 632) ends the quote at 4936:
        // the rest is zero padding as AESM/QGS return it.
        var declared = 636 + (int)BinaryPrimitives.ReadUInt32LittleEndian(raw.AsSpan(632));
        Assert.Equal(4936, declared);
        Assert.Throws<QuoteFormatException>(() => Quote.Parse(raw));

        var quote = Quote.Parse(raw, allowZeroPadding: true);
        Assert.Equal(declared, quote.Length);
        Assert.Equal(declared, QuoteParser.DeclaredLength(raw));
        Assert.Equal(declared, QuoteParser.TrimZeroPadding(raw).Length);
        Assert.Equal(4, quote.Header.Version);
        Assert.Equal(TeeType.Tdx, quote.Header.TeeType); // xxd: 8100 0000 at 4
        Assert.Equal(Convert.FromHexString("939A7233F79C4CA9940A0DB3957F0607"), quote.Header.QeVendorId.ToArray());
        Assert.True(quote.Header.IsSupportedByQvl);

        Assert.Equal(QuoteBodyType.TdReport10, quote.Body.Type);
        Assert.Null(quote.Body.Sgx);
        var td = Assert.IsType<TdReportBody>(quote.Body.Td);
        Assert.False(td.IsTd15);
        Assert.Equal(raw[48..632], td.ToArray());
        Assert.Equal(raw[48..64], td.TeeTcbSvn.ToArray());
        Assert.Equal(Convert.FromHexString("0601030000000000"), td.TeeTcbSvn[..8].ToArray()); // xxd 0x30
        Assert.Equal(raw[64..112], td.MrSeam.ToArray());
        Assert.Equal(raw[112..160], td.MrSignerSeam.ToArray());
        Assert.Equal(BinaryPrimitives.ReadUInt64LittleEndian(raw.AsSpan(160)), td.SeamAttributes);
        Assert.Equal(0x10000000UL, td.TdAttributes); // xxd 0xa8: 0000 0010 0000 0000
        Assert.Equal(0x602E7UL, td.Xfam); // xxd 0xb0: e702 0600
        Assert.Equal(raw[184..232], td.MrTd.ToArray());
        Assert.Equal(Convert.FromHexString("91EB2B44D141D4EC"), td.MrTd[..8].ToArray()); // xxd 0xb8
        Assert.Equal(raw[232..280], td.MrConfigId.ToArray());
        Assert.Equal(raw[280..328], td.MrOwner.ToArray());
        Assert.Equal(raw[328..376], td.MrOwnerConfig.ToArray());
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(raw.AsSpan(376 + (48 * i), 48).ToArray(), td.RtMr(i).ToArray());
        }
        Assert.Equal(raw[568..632], td.ReportData.ToArray());
        Assert.True(td.TeeTcbSvn2.IsEmpty);
        Assert.True(td.MrServiceTd.IsEmpty);

        Assert.Equal(raw[..632], quote.SignedRegion.ToArray());
        Assert.Equal(raw[636..700], quote.Signature.IsvSignature.ToArray());
        Assert.Equal(raw[700..764], quote.Signature.AttestationPublicKey.ToArray());
        Assert.Equal(6, BinaryPrimitives.ReadUInt16LittleEndian(raw.AsSpan(764)));
        var qe = quote.Signature.QeReportCertificationData;
        Assert.Equal(raw[770..1154], qe.QeReport.ToArray());
        Assert.Equal(raw[1154..1218], qe.QeReportSignature.ToArray());
        Assert.Equal(32, BinaryPrimitives.ReadUInt16LittleEndian(raw.AsSpan(1218)));
        Assert.Equal(IntelQuotingEnclave.AuthenticationData.ToArray(), qe.AuthenticationData.ToArray());
        Assert.Equal(5, BinaryPrimitives.ReadUInt16LittleEndian(raw.AsSpan(1252)));
        Assert.Equal(CertificationDataType.PckCertificateChain, qe.CertificationData.Type);
        Assert.Equal(raw[1258..4936], qe.CertificationData.Data.ToArray());
        Assert.Equal(3, CountOccurrences(quote.PckCertificateChainPem!, "-----BEGIN CERTIFICATE-----"));
    }

    [Fact]
    public void SgxV3SampleSerializesBackByteForByte()
    {
        var raw = SampleQuotes.Sgx;
        var quote = Quote.Parse(raw);

        Assert.Equal(raw, QuoteSerializer.Serialize(quote.Header, quote.Body, quote.Signature));
        Assert.Equal(raw[..432], QuoteSerializer.SignedRegion(quote.Header, quote.Body));
        Assert.Equal(raw.Length, QuoteSize.V3(quote.Signature.QeReportCertificationData.AuthenticationData.Length, quote.Signature.CertificationData.Data.Length));
    }

    [Fact]
    public void TdxV4SampleSerializesBackByteForByte()
    {
        var raw = SampleQuotes.Tdx;
        var quote = Quote.Parse(raw, allowZeroPadding: true);

        Assert.Equal(raw[..4936], QuoteSerializer.Serialize(quote));
        Assert.Equal(raw[..632], QuoteSerializer.SignedRegion(quote.Header, quote.Body));
        Assert.Equal(4936, QuoteSize.Compute(4, QuoteBodyType.TdReport10, 32, quote.Signature.CertificationData.Data.Length));
    }

    [Fact]
    public void HeaderAndBodyRebuiltFromFieldsMatchTheSample()
    {
        var raw = SampleQuotes.Sgx;
        var parsed = Quote.Parse(raw);
        var header = QuoteHeader.Create(3, TeeType.Sgx, qeSvn: 10, pceSvn: 15, userData: raw.AsSpan(28, 20));

        Assert.Equal(raw[..48], header.ToArray());
        Assert.Equal(raw[..432], QuoteSerializer.SignedRegion(header, parsed.Body.Sgx!));
    }

    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }
}
