using Confcom.Attestation.Client;

namespace Confcom.Attestation.Tests.Client;

public sealed class QuoteLengthTests
{
    // sgx_quote is exactly 4600 bytes (aesm-dcap.md §1.5, EMPIRICAL); the TDX sample file itself carries 70 bytes of
    // zero padding after its 4936-byte quote, as quote generators leave it.
    [Theory]
    [InlineData("sgx_quote", 0, 4600)]
    [InlineData("sgx_quote", 1234, 4600)]
    [InlineData("tdx_quote", 0, 4936)]
    [InlineData("tdx_quote", 77, 4936)]
    public void A_real_quote_padded_like_AESM_pads_it_is_measured_to_its_real_length(string name, int padding, int expected)
    {
        var quote = File.ReadAllBytes(TestData.QuotePath(name));
        var padded = new byte[quote.Length + padding];
        quote.CopyTo(padded, 0);

        Assert.Equal(expected, QuoteLength.Measure(padded));
        Assert.All(padded[expected..], b => Assert.Equal(0, b));
    }

    [Fact]
    public void A_truncated_quote_has_no_length()
    {
        var quote = File.ReadAllBytes(TestData.QuotePath("sgx_quote"));

        Assert.Null(QuoteLength.Measure(quote.AsSpan(0, quote.Length - 1)));
        Assert.Null(QuoteLength.Measure(quote.AsSpan(0, 100)));
    }

    [Fact]
    public void An_unknown_version_has_no_length()
    {
        var quote = File.ReadAllBytes(TestData.QuotePath("sgx_quote"));
        quote[0] = 9;

        Assert.Null(QuoteLength.Measure(quote));
    }
}
