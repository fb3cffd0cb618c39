using System.Buffers.Binary;
using Confcom.Sgx.Quotes;

namespace Confcom.Sgx.Tests.Quotes;

/// <summary>Malformed quotes raise QuoteFormatException naming the field and offset, and nothing else.</summary>
public class MalformedQuoteTests
{
    [Fact]
    public void EveryTruncationOfTheSgxSampleIsAFormatError()
    {
        var raw = SampleQuotes.Sgx;
        for (var length = 0; length < raw.Length; length++)
        {
            var prefix = raw.AsMemory(0, length);
            var ex = Record.Exception(() => Quote.Parse(prefix));
            var formatError = Assert.IsType<QuoteFormatException>(ex);
            Assert.InRange(formatError.Offset, 0, length);
        }
    }

    [Fact]
    public void TruncationNamesTheFieldAndOffset()
    {
        var ex = Assert.Throws<QuoteFormatException>(() => Quote.Parse(SampleQuotes.Sgx.AsMemory(0, 1000)));

        Assert.Equal("signature data", ex.Field);
        Assert.Equal(436, ex.Offset);
        Assert.Contains("needs 4164 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownVersionIsReportedAtOffsetZero()
    {
        var raw = SampleQuotes.Sgx;
        raw[0] = 9;

        var ex = Assert.Throws<QuoteFormatException>(() => Quote.Parse(raw));
        Assert.Equal("version", ex.Field);
        Assert.Equal(0, ex.Offset);
        Assert.Contains("found 9", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HugeCertificationDataSizeIsAFormatError()
    {
        var raw = SampleQuotes.Sgx;
        BinaryPrimitives.WriteUInt32LittleEndian(raw.AsSpan(1048), uint.MaxValue);

        var ex = Assert.Throws<QuoteFormatException>(() => Quote.Parse(raw));
        Assert.Equal("cert_data", ex.Field);
        Assert.Equal(1052, ex.Offset);
    }

    [Fact]
    public void SignatureDataLengthLargerThanItsContentsIsAFormatError()
    {
        var raw = SampleQuotes.Sgx.Concat(new byte[8]).ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(raw.AsSpan(432), BinaryPrimitives.ReadUInt32LittleEndian(raw.AsSpan(432)) + 8);

        var ex = Assert.Throws<QuoteFormatException>(() => Quote.Parse(raw));
        Assert.Equal("signature_data_len", ex.Field);
        Assert.Equal(432, ex.Offset);
    }

    [Fact]
    public void V4OuterCertificationDataMustBeType6()
    {
        var raw = SampleQuotes.Tdx;
        raw[764] = 5;

        var ex = Assert.Throws<QuoteFormatException>(() => Quote.Parse(raw, allowZeroPadding: true));
        Assert.Equal("certification_data_type", ex.Field);
        Assert.Equal(764, ex.Offset);
    }

    [Fact]
    public void ZeroPaddingIsAcceptedOnlyWhenAskedAndOnlyIfZero()
    {
        var padded = SampleQuotes.Sgx.Concat(new byte[100]).ToArray();
        var strict = Assert.Throws<QuoteFormatException>(() => Quote.Parse(padded));
        Assert.Equal(4600, strict.Offset);

        Assert.Equal(4600, Quote.Parse(padded, allowZeroPadding: true).Length);
        Assert.Equal(4600, QuoteParser.TrimZeroPadding(padded).Length);

        padded[4650] = 1;
        var dirty = Assert.Throws<QuoteFormatException>(() => Quote.Parse(padded, allowZeroPadding: true));
        Assert.Equal(4650, dirty.Offset);
        Assert.Throws<QuoteFormatException>(() => QuoteParser.TrimZeroPadding(padded));
    }

    [Fact]
    public void V5WithUnknownBodyTypeOrWrongBodySizeIsAFormatError()
    {
        var raw = SyntheticQuotes.Build(5, TeeType.Sgx, QuoteBodyType.SgxReport, CertificationDataType.PckCertificateChain, seed: 5);
        var badType = (byte[])raw.Clone();
        badType[48] = 4;
        var badSize = (byte[])raw.Clone();
        badSize[50] = 0x81;

        Assert.Equal("body_type", Assert.Throws<QuoteFormatException>(() => Quote.Parse(badType)).Field);
        var sizeError = Assert.Throws<QuoteFormatException>(() => Quote.Parse(badSize));
        Assert.Equal("body_size", sizeError.Field);
        Assert.Equal(50, sizeError.Offset);
    }
}
