using System.Text.Json;
using Confcom.Sgx.Collateral;
using Confcom.TestData;

namespace Confcom.Sgx.Tests.Collateral;

/// <summary>
/// TCB Info and QE Identity are written and read in one place; what one direction writes the other reads back
/// unchanged, for Intel's real documents (SGX and TDX) as well as for written ones.
/// </summary>
public class SignedCollateralRoundTripTests
{
    [Theory]
    [InlineData("sgx_quote_collateral.json")]
    [InlineData("tdx_quote_collateral.json")]
    public void IntelTcbInfoSurvivesWriteThenParse(string bundle)
    {
        var original = TcbInfo.Parse(QuoteCollateral.Load(SampleQuoteFiles.Path(bundle)).TcbInfo);

        var again = TcbInfo.Parse(original.ToSignedText());

        Assert.Equal(original.Id, again.Id);
        Assert.Equal(original.Version, again.Version);
        Assert.Equal(original.IssueDate, again.IssueDate);
        Assert.Equal(original.NextUpdate, again.NextUpdate);
        Assert.Equal(original.Fmspc, again.Fmspc);
        Assert.Equal(original.PceId, again.PceId);
        Assert.Equal(original.TcbEvaluationDataNumber, again.TcbEvaluationDataNumber);
        Assert.Equal(original.TcbLevels.Count, again.TcbLevels.Count);
        for (var i = 0; i < original.TcbLevels.Count; i++)
        {
            Assert.Equal(original.TcbLevels[i].SgxComponents, again.TcbLevels[i].SgxComponents);
            Assert.Equal(original.TcbLevels[i].TdxComponents, again.TcbLevels[i].TdxComponents);
            Assert.Equal(original.TcbLevels[i].PceSvn, again.TcbLevels[i].PceSvn);
            Assert.Equal(original.TcbLevels[i].Status, again.TcbLevels[i].Status);
            Assert.Equal(original.TcbLevels[i].TcbDate, again.TcbLevels[i].TcbDate);
            Assert.Equal(original.TcbLevels[i].AdvisoryIds, again.TcbLevels[i].AdvisoryIds);
        }
        Assert.Equal(original.TdxModule?.MrSigner, again.TdxModule?.MrSigner);
        Assert.Equal(original.TdxModuleIdentities.Select(m => m.Id), again.TdxModuleIdentities.Select(m => m.Id));
        Assert.Equal(original.TdxModuleIdentities.Select(m => m.TcbLevels.Count), again.TdxModuleIdentities.Select(m => m.TcbLevels.Count));
    }

    [Theory]
    [InlineData("sgx_quote_collateral.json")]
    [InlineData("tdx_quote_collateral.json")]
    public void IntelQeIdentitySurvivesWriteThenParse(string bundle)
    {
        var original = QeIdentity.Parse(QuoteCollateral.Load(SampleQuoteFiles.Path(bundle)).QeIdentity);

        var written = original.ToSignedText();
        var again = QeIdentity.Parse(written);

        Assert.Equal(original.Id, again.Id);
        Assert.Equal(original.MiscSelect, again.MiscSelect);
        Assert.Equal(original.MiscSelectMask, again.MiscSelectMask);
        Assert.Equal(original.Attributes, again.Attributes);
        Assert.Equal(original.AttributesMask, again.AttributesMask);
        Assert.Equal(original.MrSigner, again.MrSigner);
        Assert.Equal(original.IsvProdId, again.IsvProdId);
        Assert.Equal(original.TcbLevels.Select(l => (l.IsvSvn, l.Status, l.TcbDate)), again.TcbLevels.Select(l => (l.IsvSvn, l.Status, l.TcbDate)));
        // Intel's own key order: the written text lists the keys in the order Intel's document does.
        Assert.Equal(TopLevelKeys(QuoteCollateral.Load(SampleQuoteFiles.Path(bundle)).QeIdentity), TopLevelKeys(written));
    }

    [Fact]
    public void SignedBodyJoinThenSplitGivesTheExactTextAndSignature()
    {
        const string text = "{\"id\":\"QE\",\"version\":2}";
        var signature = Enumerable.Range(0, 64).Select(i => (byte)i).ToArray();

        var (signed, parsedSignature) = SignedJsonBody.Split(System.Text.Encoding.UTF8.GetBytes(SignedJsonBody.Join("enclaveIdentity", text, signature)), "enclaveIdentity", "test");

        Assert.Equal(text, signed);
        Assert.Equal(signature, parsedSignature);
    }

    private static string[] TopLevelKeys(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateObject().Select(p => p.Name)];
    }
}
