using Confcom.Attestation.Verification;
using Confcom.Sgx.Collateral;

namespace Confcom.Attestation.Tests.Verification;

public class RealQuoteVerificationTests
{
    [Fact]
    public void SgxSampleIsConfigurationAndSwHardeningNeededWithItsAdvisories()
    {
        var result = new QuoteVerifier().Verify(Samples.SgxQuote(), Samples.SgxCollateral(), Samples.SgxTime);

        Assert.Null(result.FailureMessage);
        Assert.Equal(QuoteVerificationStatus.ConfigAndSwHardeningNeeded, result.Status);
        Assert.Equal(0xA008, (int)result.Status);
        Assert.Equal("SGX_QL_QV_RESULT_CONFIG_AND_SW_HARDENING_NEEDED", result.StatusName);
        Assert.True(result.IsAccepted);
        Assert.Equal(["INTEL-SA-00289", "INTEL-SA-00615"], result.AdvisoryIds.Order());
        Assert.Equal(TcbStatus.ConfigurationAndSWHardeningNeeded, result.PlatformTcbStatus);
        Assert.Equal(TcbStatus.UpToDate, result.QeTcbStatus);
        Assert.Equal("00A067110000", result.Fmspc);
        Assert.Equal(17, result.TcbEvaluationDataNumber);
        Assert.Equal(new DateTimeOffset(2024, 3, 13, 0, 0, 0, TimeSpan.Zero), result.TcbDate);
        Assert.False(result.CollateralExpired);
        Assert.NotNull(result.Enclave);
        Assert.Null(result.Td);
        // The enclave identity is the report body at quote offset 48 (spec §3.1): MRENCLAVE at 48+64.
        var quote = Samples.SgxQuote();
        Assert.Equal(Convert.ToHexStringLower(quote.AsSpan(48 + 64, 32)), result.Enclave!.MrEnclave);
        Assert.Equal(Convert.ToHexStringLower(quote.AsSpan(48 + 128, 32)), result.Enclave.MrSigner);
        Assert.Equal(Convert.ToHexStringLower(quote.AsSpan(48 + 320, 64)), result.Enclave.ReportData);
    }

    [Fact]
    public void TdxSampleIsUpToDate()
    {
        var result = new QuoteVerifier().Verify(Samples.TdxQuote(), Samples.TdxCollateral(), Samples.TdxTime);

        Assert.Null(result.FailureMessage);
        Assert.Equal(QuoteVerificationStatus.Ok, result.Status);
        Assert.Empty(result.AdvisoryIds);
        Assert.Equal("B0C06F000000", result.Fmspc);
        Assert.Equal(0x81u, result.TeeType);
        // TEE_TCB_SVN = 06 01 03 ..: module version 1 selects TDX_01, whose level isvsvn 4 <= 6 is UpToDate.
        Assert.Equal(TcbStatus.UpToDate, result.TdxModuleTcbStatus);
        Assert.Equal(TcbStatus.UpToDate, result.PlatformTcbStatus);
        Assert.NotNull(result.Td);
        var quote = Samples.TdxQuote();
        Assert.Equal(Convert.ToHexStringLower(quote.AsSpan(48 + 136, 48)), result.Td!.MrTd);
        Assert.Equal(Convert.ToHexStringLower(quote.AsSpan(48 + 328 + 48 * 3, 48)), result.Td.Rtmrs[3]);
        Assert.False(result.CollateralExpired);
    }

    [Fact]
    public void OneYearLaterTheCollateralIsFlaggedExpiredButIntelsStatusStands()
    {
        var later = Samples.SgxTime.AddYears(1);
        var result = new QuoteVerifier().Verify(Samples.SgxQuote(), Samples.SgxCollateral(), later);

        Assert.True(result.IsVerified, result.FailureMessage);
        Assert.Equal(QuoteVerificationStatus.ConfigAndSwHardeningNeeded, result.Status);
        Assert.True(result.CollateralExpired);
        Assert.Contains(result.ExpiredCollateral, e => e.Item.StartsWith("TCB Info", StringComparison.Ordinal));
        Assert.Contains(result.ExpiredCollateral, e => e.Item == "PCK CRL");
        Assert.True(result.EarliestCollateralExpiry <= later);
    }

    [Fact]
    public void OneYearLaterTheDefaultPolicyRefusesNamingTheExpiredItems()
    {
        var later = Samples.SgxTime.AddYears(1);
        var result = new QuoteVerifier().Verify(Samples.SgxQuote(), Samples.SgxCollateral(), later);

        Assert.False(result.IsAccepted);
        Assert.Null(result.FailedCheck);
        var check = Assert.Single(result.Appraisal.FailedChecks);
        Assert.Equal("allowExpiredCollateral", check.Name);
        Assert.Contains("TCB Info (fmspc 00A067110000)", check.Actual);
        Assert.Contains("QE Identity", check.Actual);
    }

    [Fact]
    public void TdxOneYearLaterIsFlaggedExpired()
    {
        var result = new QuoteVerifier().Verify(Samples.TdxQuote(), Samples.TdxCollateral(), Samples.TdxTime.AddYears(1));

        Assert.True(result.IsVerified, result.FailureMessage);
        Assert.True(result.CollateralExpired);
    }

    [Fact]
    public void ZeroPaddingFromAesmIsTolerated()
    {
        var padded = Samples.SgxQuote().Concat(new byte[512]).ToArray();
        var result = new QuoteVerifier().Verify(padded, Samples.SgxCollateral(), Samples.SgxTime);
        Assert.True(result.IsAccepted, result.FailureMessage);
    }

    [Fact]
    public void WarmCacheIsReusedInsideTheWindowAndRebuiltOutsideIt()
    {
        var verifier = new QuoteVerifier();
        var collateral = Samples.SgxCollateral();
        verifier.Verify(Samples.SgxQuote(), collateral, Samples.SgxTime);
        var afterFirst = verifier.CacheRebuilds;
        // The sample's QE Identity expires one second after SgxTime, so stay before it.
        var again = verifier.Verify(Samples.SgxQuote(), collateral, Samples.SgxTime.AddMinutes(-10));
        Assert.Equal(afterFirst, verifier.CacheRebuilds);
        Assert.True(again.IsAccepted, again.FailureMessage);
        var late = verifier.Verify(Samples.SgxQuote(), collateral, Samples.SgxTime.AddYears(1));
        Assert.True(verifier.CacheRebuilds > afterFirst);
        Assert.True(late.CollateralExpired);
        Assert.Equal(again.Status, late.Status);
    }
}
