using System.Buffers.Binary;
using Confcom.Sgx.Quotes;

namespace Confcom.Sgx.Tests.Quotes;

/// <summary>
/// Quotes the serializer builds for layouts without a real sample (v4 SGX, v5 SGX / TD 1.0 / TD 1.5, every
/// certification data type) parse back to the same fields and re-serialize to the same bytes. Offsets are checked
/// with BinaryPrimitives against the layouts in DCAP's sgx_quote_4.h / sgx_quote_5.h.
/// </summary>
public class SyntheticQuoteRoundTripTests
{
    public static TheoryData<ushort, TeeType, QuoteBodyType> Layouts => new()
    {
        { 3, TeeType.Sgx, QuoteBodyType.SgxReport },
        { 4, TeeType.Sgx, QuoteBodyType.SgxReport },
        { 4, TeeType.Tdx, QuoteBodyType.TdReport10 },
        { 5, TeeType.Sgx, QuoteBodyType.SgxReport },
        { 5, TeeType.Tdx, QuoteBodyType.TdReport10 },
        { 5, TeeType.Tdx, QuoteBodyType.TdReport15 },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void EveryLayoutRoundTripsWithEveryCertificationDataType(ushort version, TeeType teeType, QuoteBodyType bodyType)
    {
        for (var certType = 1; certType <= 6; certType++)
        {
            var raw = SyntheticQuotes.Build(version, teeType, bodyType, (CertificationDataType)certType, seed: (version * 100) + certType, authLength: 17 * certType, certLength: 50 * certType);
            var quote = Quote.Parse(raw);

            Assert.Equal(raw, QuoteSerializer.Serialize(quote));
            Assert.Equal(version, quote.Header.Version);
            Assert.Equal(teeType, quote.Header.TeeType);
            Assert.Equal(bodyType, quote.Body.Type);
            Assert.Equal((CertificationDataType)certType, quote.Signature.CertificationData.Type);
            Assert.Equal(17 * certType, quote.Signature.QeReportCertificationData.AuthenticationData.Length);
            Assert.Equal(raw.Length, QuoteSize.Compute(version, bodyType, 17 * certType, 50 * certType));
        }
    }

    [Theory]
    [InlineData(QuoteBodyType.SgxReport, 384)]
    [InlineData(QuoteBodyType.TdReport10, 584)]
    [InlineData(QuoteBodyType.TdReport15, 648)]
    public void V5PlacesTheBodyDescriptorBeforeTheBodyAndSignsIt(QuoteBodyType bodyType, int bodySize)
    {
        var raw = SyntheticQuotes.Build(5, bodyType == QuoteBodyType.SgxReport ? TeeType.Sgx : TeeType.Tdx, bodyType, CertificationDataType.PckCertificateChain, seed: 7);
        var quote = Quote.Parse(raw);

        Assert.Equal((ushort)bodyType, BinaryPrimitives.ReadUInt16LittleEndian(raw.AsSpan(48)));
        Assert.Equal((uint)bodySize, BinaryPrimitives.ReadUInt32LittleEndian(raw.AsSpan(50)));
        Assert.Equal(raw[54..(54 + bodySize)], quote.Body.Bytes.ToArray());
        Assert.Equal(raw[..(54 + bodySize)], quote.SignedRegion.ToArray());
        var sigOffset = 54 + bodySize + 4;
        Assert.Equal(raw.Length - sigOffset, (int)BinaryPrimitives.ReadUInt32LittleEndian(raw.AsSpan(54 + bodySize)));
        Assert.Equal(raw[sigOffset..(sigOffset + 64)], quote.Signature.IsvSignature.ToArray());
        Assert.Equal(6, BinaryPrimitives.ReadUInt16LittleEndian(raw.AsSpan(sigOffset + 128)));
        Assert.Equal(raw.Length - sigOffset - 134, (int)BinaryPrimitives.ReadUInt32LittleEndian(raw.AsSpan(sigOffset + 130)));
        Assert.Equal(raw[(sigOffset + 134)..(sigOffset + 134 + 384)], quote.Signature.QeReportCertificationData.QeReport.ToArray());
    }

    [Fact]
    public void Td15BodyExposesItsExtraFields()
    {
        var raw = SyntheticQuotes.Build(5, TeeType.Tdx, QuoteBodyType.TdReport15, CertificationDataType.PckCertificateChain, seed: 11);
        var td = Quote.Parse(raw).Body.Td!;

        Assert.True(td.IsTd15);
        Assert.Equal(raw[(54 + 584)..(54 + 600)], td.TeeTcbSvn2.ToArray());
        Assert.Equal(raw[(54 + 600)..(54 + 648)], td.MrServiceTd.ToArray());
        Assert.Equal(raw[(54 + 520)..(54 + 584)], td.ReportData.ToArray());
    }

    [Fact]
    public void V3QuoteSizeWithQe3AuthDataIs1052PlusChain()
    {
        Assert.Equal(1052 + 3000, QuoteSize.V3(32, 3000));
        Assert.Equal(QuoteConstants.MinimumV3Length, QuoteSize.V3(0, 0));
        Assert.Equal(1020, QuoteConstants.MinimumV3Length);
    }

    [Fact]
    public void SerializerRefusesLayoutsTheParserCouldNotReadBack()
    {
        var random = new Random(3);
        var td = SyntheticQuotes.Body(random, QuoteBodyType.TdReport10);
        var sgx = SyntheticQuotes.Body(random, QuoteBodyType.SgxReport);
        var sig = SyntheticQuotes.SignatureData(random, CertificationDataType.PckCertificateChain, 32, 10);

        Assert.Throws<ArgumentException>(() => QuoteSerializer.Serialize(QuoteHeader.Create(3, TeeType.Sgx, 1, 1, []), td, sig));
        Assert.Throws<ArgumentException>(() => QuoteSerializer.Serialize(QuoteHeader.Create(4, TeeType.Sgx, 1, 1, []), td, sig));
        Assert.Throws<ArgumentException>(() => QuoteSerializer.Serialize(QuoteHeader.Create(4, TeeType.Tdx, 1, 1, []), sgx, sig));
        Assert.Throws<ArgumentException>(() => QuoteSerializer.Serialize(QuoteHeader.Create(6, TeeType.Sgx, 1, 1, []), sgx, sig));
    }
}
