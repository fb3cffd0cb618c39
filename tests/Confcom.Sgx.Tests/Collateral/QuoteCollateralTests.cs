using Confcom.TestData;
using Confcom.Sgx.Collateral;

namespace Confcom.Sgx.Tests.Collateral;

public class QuoteCollateralTests
{
    [Theory]
    [InlineData("sgx_quote_collateral.json")]
    [InlineData("tdx_quote_collateral.json")]
    public void DcapQvlSampleBundlesLoadAndSurviveARoundTrip(string name)
    {
        var path = SampleQuoteFiles.Path(name);
        var collateral = QuoteCollateral.Load(path);

        Assert.Equal(64, collateral.TcbInfoSignature.Length);
        Assert.Equal(64, collateral.QeIdentitySignature.Length);
        Assert.Equal(0x30, collateral.PckCrl[0]); // DER SEQUENCE
        Assert.StartsWith("{\"id\":", collateral.TcbInfo);

        var again = QuoteCollateral.Parse(collateral.ToJson(), "round trip");
        Assert.Equal(collateral.TcbInfo, again.TcbInfo);
        Assert.Equal(collateral.PckCrl, again.PckCrl);
        Assert.Equal(collateral.QeIdentitySignature, again.QeIdentitySignature);
    }

    [Fact]
    public void MissingFieldIsNamedInTheError()
    {
        var ex = Assert.Throws<FormatException>(() => QuoteCollateral.Parse("{\"pck_crl\":\"00\"}", "bundle.json"));
        Assert.Contains("bundle.json", ex.Message);
        Assert.Contains("pck_crl_issuer_chain", ex.Message);
    }
}
