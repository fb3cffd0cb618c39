using Confcom.Attestation.Verification;
using Confcom.Sgx.Collateral;

namespace Confcom.Attestation.Tests.Verification;

/// <summary>The TDX module checks (QVL 4.1.2.4.11 and the module TCB status) on the real TDX sample, re-signed under a test PKI.</summary>
public class TdxModuleTests
{
    private const int TdxQeReportOffset = 48 + 584 + 4 + 64 + 64 + 2 + 4;

    private static QuoteVerificationResult Verify(Func<string, string> editTcbInfo)
    {
        var quote = Samples.TdxQuote();
        using var pki = new TestPki(Samples.TdxTime, quote);
        var original = Samples.TdxCollateral();
        var edited = editTcbInfo(original.TcbInfo);
        var verifier = new QuoteVerifier(new QuoteVerifierOptions { TrustAnchor = TrustAnchor.FromCertificate(pki.Root) });
        return verifier.Verify(pki.ResignQeReport(quote, TdxQeReportOffset), pki.Resign(original, tcbInfo: edited), Samples.TdxTime);
    }

    [Fact]
    public void ResignedTdxSampleIsStillUpToDate()
    {
        var result = Verify(text => text);
        Assert.True(result.IsVerified, result.FailureMessage);
        Assert.Equal(QuoteVerificationStatus.Ok, result.Status);
    }

    [Fact]
    public void OutOfDateModuleMakesAnUpToDateTdOutOfDate()
    {
        var result = Verify(text => text.Replace(
            "{\"id\":\"TDX_01\",\"mrsigner\":\"000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000\",\"attributes\":\"0000000000000000\",\"attributesMask\":\"FFFFFFFFFFFFFFFF\",\"tcbLevels\":[{\"tcb\":{\"isvsvn\":4},\"tcbDate\":\"2024-03-13T00:00:00Z\",\"tcbStatus\":\"UpToDate\"}",
            "{\"id\":\"TDX_01\",\"mrsigner\":\"000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000\",\"attributes\":\"0000000000000000\",\"attributesMask\":\"FFFFFFFFFFFFFFFF\",\"tcbLevels\":[{\"tcb\":{\"isvsvn\":4},\"tcbDate\":\"2024-03-13T00:00:00Z\",\"tcbStatus\":\"OutOfDate\"}",
            StringComparison.Ordinal));

        Assert.True(result.IsVerified, result.FailureMessage);
        Assert.Equal(TcbStatus.OutOfDate, result.TdxModuleTcbStatus);
        Assert.Equal(QuoteVerificationStatus.OutOfDate, result.Status);
    }

    [Fact]
    public void MissingModuleIdentityIsATdxModuleMismatch()
    {
        var result = Verify(text => text.Replace("\"id\":\"TDX_01\"", "\"id\":\"TDX_09\"", StringComparison.Ordinal));
        Assert.Equal(VerificationCheck.TdxModule, result.FailedCheck);
        Assert.Contains("TDX_01", result.FailureMessage);
    }

    [Fact]
    public void OtherSeamSignerIsATdxModuleMismatch()
    {
        var result = Verify(text => text.Replace(
            "{\"id\":\"TDX_01\",\"mrsigner\":\"000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000\"",
            "{\"id\":\"TDX_01\",\"mrsigner\":\"010000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000\"",
            StringComparison.Ordinal));
        Assert.Equal(VerificationCheck.TdxModule, result.FailedCheck);
        Assert.Contains("MRSIGNERSEAM", result.FailureMessage);
    }
}
