using Confcom.Attestation.Verification;
using Confcom.Sgx.Quotes;
using Confcom.Sgx.Collateral;

namespace Confcom.Attestation.Tests.Verification;

/// <summary>
/// QVL's TD relaunch check on a TD 1.5 (v5) quote made from the real TDX sample: with TDX_01's current level raised to
/// ISVSVN 7, the sample's module (SVN 6) is OutOfDate, so the TD is OutOfDate — unless TEE_TCB_SVN2 shows the
/// platform already runs module SVN 7, when a relaunch is all it needs.
/// </summary>
public class TdRelaunchTests
{
    private const string Tdx01Current = "\"id\":\"TDX_01\",\"mrsigner\":\"000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000\",\"attributes\":\"0000000000000000\",\"attributesMask\":\"FFFFFFFFFFFFFFFF\",\"tcbLevels\":[{\"tcb\":{\"isvsvn\":4}";

    private static QuoteVerificationResult VerifyTd15(byte[] teeTcbSvn2)
    {
        var sample = Samples.TdxQuote();
        using var pki = new TestPki(Samples.TdxTime, sample);
        var quote = pki.RebuildAsVersion(sample, 5, body =>
            QuoteBody.From(TdReportBody.Parse([.. body.Bytes, .. teeTcbSvn2, .. new byte[48]])));
        var original = Samples.TdxCollateral();
        var raised = original.TcbInfo.Replace(Tdx01Current, Tdx01Current.Replace("\"isvsvn\":4", "\"isvsvn\":7", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.NotEqual(original.TcbInfo, raised);
        var collateral = pki.Resign(original, tcbInfo: raised) with { PckCertificateChain = null };
        return new QuoteVerifier(new QuoteVerifierOptions { TrustAnchor = TrustAnchor.FromCertificate(pki.Root) })
            .Verify(quote, collateral, Samples.TdxTime);
    }

    [Fact]
    public void LatestModuleInTeeTcbSvn2AdvisesRelaunch()
    {
        var result = VerifyTd15([7, 1, 3, .. new byte[13]]);

        Assert.True(result.IsVerified, result.FailureMessage);
        Assert.Equal(TcbStatus.OutOfDate, result.TdxModuleTcbStatus);
        Assert.Equal(QuoteVerificationStatus.TdRelaunchAdvised, result.Status);
        Assert.Equal(0xA009, (int)result.Status);
    }

    [Fact]
    public void OldModuleInTeeTcbSvn2StaysOutOfDate()
    {
        var result = VerifyTd15([6, 1, 3, .. new byte[13]]);

        Assert.True(result.IsVerified, result.FailureMessage);
        Assert.Equal(QuoteVerificationStatus.OutOfDate, result.Status);
    }

    [Fact]
    public void UnknownModuleVersionInTeeTcbSvn2IsAModuleMismatch()
    {
        var result = VerifyTd15([7, 9, 3, .. new byte[13]]);
        Assert.Equal(VerificationCheck.TdxModule, result.FailedCheck);
        Assert.Contains("TDX_09", result.FailureMessage);
    }
}
