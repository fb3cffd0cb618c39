using Confcom.Aesm.Quoting;
using Confcom.Attestation.Appraisal;
using Confcom.Attestation.Verification;
using Confcom.Sgx.Collateral;

namespace Confcom.Attestation.Tests.Verification;

/// <summary>
/// Each terminal failure is reported at the check that catches it, as QvE reports it: result UNSPECIFIED (QvE
/// overwrites the result whenever its return code is an error) and the quote3_error_t of that check.
/// </summary>
public class FailureTests
{
    private static QuoteVerificationResult VerifyReal(byte[] quote) =>
        new QuoteVerifier().Verify(quote, Samples.SgxCollateral(), Samples.SgxTime);

    private static QuoteVerificationResult VerifyUnder(TestPki pki, byte[] quote, QuoteCollateral collateral, bool allowDebug = false) =>
        new QuoteVerifier(new QuoteVerifierOptions { TrustAnchor = TrustAnchor.FromCertificate(pki.Root), Policy = AppraisalPolicy.Default with { AllowDebug = allowDebug } })
            .Verify(quote, collateral, Samples.SgxTime);

    [Fact]
    public void TamperedIsvSignatureIsInvalidSignature()
    {
        var quote = Samples.SgxQuote();
        quote[436 + 10] ^= 0x01;
        var result = VerifyReal(quote);
        Assert.Equal(VerificationCheck.IsvSignature, result.FailedCheck);
        Assert.Equal(QuoteVerificationStatus.Unspecified, result.Status);
        // QvE's status_error_to_quote3_error has no case for STATUS_INVALID_QUOTE_SIGNATURE.
        Assert.Equal(Quote3Error.Unexpected, result.Quote3Error);
        Assert.False(result.IsVerified);
        Assert.False(result.IsAccepted);
    }

    [Fact]
    public void TamperedEnclaveBodyFailsTheIsvSignature()
    {
        var quote = Samples.SgxQuote();
        quote[48 + 64] ^= 0x80; // MRENCLAVE
        Assert.Equal(VerificationCheck.IsvSignature, VerifyReal(quote).FailedCheck);
    }

    [Fact]
    public void TamperedQeReportIsInvalidQeReportSignature()
    {
        var quote = Samples.SgxQuote();
        quote[564 + 258] ^= 0x01; // QE ISVSVN
        var result = VerifyReal(quote);
        Assert.Equal(VerificationCheck.QeReportSignature, result.FailedCheck);
        Assert.Equal(QuoteVerificationStatus.Unspecified, result.Status);
        Assert.Equal(Quote3Error.QeReportInvalidSignature, result.Quote3Error);
    }

    [Fact]
    public void ChangedAuthenticationDataBreaksTheReportDataBinding()
    {
        var quote = Samples.SgxQuote();
        quote[1014] ^= 0x01; // auth data is not covered by the QE report signature, only by the binding
        var result = VerifyReal(quote);
        Assert.Equal(VerificationCheck.QeReportData, result.FailedCheck);
        Assert.Equal(QuoteVerificationStatus.Unspecified, result.Status);
    }

    [Fact]
    public void ValidlySignedQeReportWithWrongReportDataIsInvalidQeReportData()
    {
        using var pki = new TestPki(Samples.SgxTime);
        var quote = Samples.SgxQuote();
        quote[564 + 320] ^= 0x01;
        var result = VerifyUnder(pki, pki.ResignQeReport(quote), pki.Resign(Samples.SgxCollateral()));
        Assert.Equal(VerificationCheck.QeReportData, result.FailedCheck);
    }

    [Fact]
    public void ResignedCollateralVerifiesUnderTheTestRoot()
    {
        // The baseline for the tests below: the re-issued bundle and re-signed quote are accepted as the original.
        using var pki = new TestPki(Samples.SgxTime);
        var result = VerifyUnder(pki, pki.ResignQeReport(Samples.SgxQuote()), pki.Resign(Samples.SgxCollateral()));
        Assert.True(result.IsAccepted, result.FailureMessage);
        Assert.Equal(QuoteVerificationStatus.ConfigAndSwHardeningNeeded, result.Status);
    }

    [Fact]
    public void FreshlyGeneratedRootIsNotTheTrustedRoot()
    {
        using var pki = new TestPki(Samples.SgxTime);
        var result = VerifyUnder(pki, Samples.SgxQuote(), Samples.SgxCollateral());
        Assert.Equal(VerificationCheck.TrustedRoot, result.FailedCheck);
        Assert.Contains("does not carry the key of the trusted root", result.FailureMessage);
    }

    [Fact]
    public void IntelRootDoesNotTrustTheTestPki()
    {
        using var pki = new TestPki(Samples.SgxTime);
        var result = new QuoteVerifier().Verify(pki.ResignQeReport(Samples.SgxQuote()), pki.Resign(Samples.SgxCollateral()), Samples.SgxTime);
        Assert.Equal(VerificationCheck.TrustedRoot, result.FailedCheck);
    }

    [Fact]
    public void CollateralForAnotherFmspcIsATcbInfoMismatch()
    {
        using var pki = new TestPki(Samples.SgxTime);
        var original = Samples.SgxCollateral();
        var otherFmspc = original.TcbInfo.Replace("\"fmspc\":\"00A067110000\"", "\"fmspc\":\"00906ED50000\"", StringComparison.Ordinal);
        Assert.NotEqual(original.TcbInfo, otherFmspc);
        var result = VerifyUnder(pki, pki.ResignQeReport(Samples.SgxQuote()), pki.Resign(original, tcbInfo: otherFmspc));
        Assert.Equal(VerificationCheck.Fmspc, result.FailedCheck);
        Assert.Equal(QuoteVerificationStatus.Unspecified, result.Status);
        Assert.Contains("00906ED50000", result.FailureMessage);
    }

    [Fact]
    public void RevokedPckIsRevoked()
    {
        using var pki = new TestPki(Samples.SgxTime);
        var result = VerifyUnder(pki, pki.ResignQeReport(Samples.SgxQuote()), pki.Resign(Samples.SgxCollateral(), revokePck: true));
        Assert.Equal(VerificationCheck.PckRevoked, result.FailedCheck);
        Assert.Equal(QuoteVerificationStatus.Unspecified, result.Status);
        Assert.Equal(Quote3Error.PckRevoked, result.Quote3Error);
    }

    [Fact]
    public void RevokedPckCaIsRevoked()
    {
        using var pki = new TestPki(Samples.SgxTime);
        var result = VerifyUnder(pki, pki.ResignQeReport(Samples.SgxQuote()), pki.Resign(Samples.SgxCollateral(), revokePckCa: true));
        Assert.Equal(VerificationCheck.RootCaCrl, result.FailedCheck);
        // QvE maps an intermediate revoked by the Root CA CRL to SGX_QL_PCK_REVOKED as well.
        Assert.Equal(QuoteVerificationStatus.Unspecified, result.Status);
        Assert.Equal(Quote3Error.PckRevoked, result.Quote3Error);
    }

    [Fact]
    public void RevokedTcbLevelIsRevoked()
    {
        using var pki = new TestPki(Samples.SgxTime);
        var original = Samples.SgxCollateral();
        var revoked = original.TcbInfo.Replace("\"tcbStatus\":\"ConfigurationAndSWHardeningNeeded\"", "\"tcbStatus\":\"Revoked\"", StringComparison.Ordinal);
        var result = VerifyUnder(pki, pki.ResignQeReport(Samples.SgxQuote()), pki.Resign(original, tcbInfo: revoked));
        Assert.Equal(VerificationCheck.TcbLevel, result.FailedCheck);
        Assert.Equal(QuoteVerificationStatus.Unspecified, result.Status);
        Assert.Equal(Quote3Error.TcbRevoked, result.Quote3Error);
        Assert.Equal(TcbStatus.Revoked, result.PlatformTcbStatus);
    }

    [Fact]
    public void OutOfDateQeConvergesWithConfigurationNeededPlatformAsIntelDoes()
    {
        // QVL: QE OutOfDate + platform ConfigurationAndSWHardeningNeeded -> OUT_OF_DATE_CONFIG_NEEDED
        // (dcap-qvl's "worst wins" would say OutOfDate).
        using var pki = new TestPki(Samples.SgxTime);
        var original = Samples.SgxCollateral();
        var qeOutOfDate = original.QeIdentity.Replace("{\"tcb\":{\"isvsvn\":8},\"tcbDate\":\"2024-03-13T00:00:00Z\",\"tcbStatus\":\"UpToDate\"}",
            "{\"tcb\":{\"isvsvn\":8},\"tcbDate\":\"2024-03-13T00:00:00Z\",\"tcbStatus\":\"OutOfDate\",\"advisoryIDs\":[\"INTEL-SA-99999\"]}", StringComparison.Ordinal);
        Assert.NotEqual(original.QeIdentity, qeOutOfDate);
        var result = VerifyUnder(pki, pki.ResignQeReport(Samples.SgxQuote()), pki.Resign(original, qeIdentity: qeOutOfDate));
        Assert.True(result.IsVerified, result.FailureMessage);
        Assert.Equal(QuoteVerificationStatus.OutOfDateConfigNeeded, result.Status);
        Assert.Equal(TcbStatus.OutOfDate, result.QeTcbStatus);
        // Intel's advisory list comes from the matching TCB Info level only; the QE level's are shown apart.
        Assert.Equal(["INTEL-SA-00289", "INTEL-SA-00615"], result.AdvisoryIds.Order());
        Assert.Equal(["INTEL-SA-99999"], result.QeAdvisoryIds);
    }

    [Fact]
    public void QeWithAnotherMrSignerIsAQeIdentityMismatch()
    {
        using var pki = new TestPki(Samples.SgxTime);
        var original = Samples.SgxCollateral();
        var other = original.QeIdentity.Replace("8C4F5775D796503E96137F77C68A829A0056AC8DED70140B081B094490C57BFF",
            "E4BD9FC2129835BA1DCCA1939D57D08E88561B34740D59405972D4BA25A7E5F7", StringComparison.Ordinal);
        var result = VerifyUnder(pki, pki.ResignQeReport(Samples.SgxQuote()), pki.Resign(original, qeIdentity: other));
        Assert.Equal(VerificationCheck.QeIdentityPolicy, result.FailedCheck);
    }

    [Fact]
    public void DebugSampleKeepsIntelsStatusUnderAPolicyThatRefusesDebug()
    {
        // The real SGX sample with ATTRIBUTES.DEBUG set, re-signed: Intel's QVL has no check on the application
        // enclave's DEBUG bit and returns the TCB-derived status; only the policy refuses it.
        using var pki = new TestPki(Samples.SgxTime);
        var debug = pki.Reforge(Samples.SgxQuote(), q => q[48 + 48] |= 0x02);
        var collateral = pki.Resign(Samples.SgxCollateral());

        var rejected = VerifyUnder(pki, debug, collateral);
        Assert.True(rejected.IsVerified, rejected.FailureMessage);
        Assert.Equal(QuoteVerificationStatus.ConfigAndSwHardeningNeeded, rejected.Status);
        Assert.Equal("SGX_QL_QV_RESULT_CONFIG_AND_SW_HARDENING_NEEDED", rejected.StatusName);
        Assert.Equal(Quote3Error.Success, rejected.Quote3Error);
        Assert.Null(rejected.FailedCheck);
        Assert.False(rejected.IsAccepted);
        var check = Assert.Single(rejected.Appraisal.FailedChecks);
        Assert.Equal("allowDebug", check.Name);
        Assert.True(rejected.Enclave!.IsDebug);

        var allowed = VerifyUnder(pki, debug, collateral, allowDebug: true);
        Assert.True(allowed.IsAccepted, allowed.FailureMessage);
        Assert.True(allowed.Enclave!.IsDebug);
    }

    [Fact]
    public void ReforgedProductionQuoteIsAccepted()
    {
        // Shows the forging helper itself produces valid quotes, so the debug test fails only for the debug bit.
        using var pki = new TestPki(Samples.SgxTime);
        var result = VerifyUnder(pki, pki.Reforge(Samples.SgxQuote(), _ => { }), pki.Resign(Samples.SgxCollateral()));
        Assert.True(result.IsAccepted, result.FailureMessage);
    }

    [Fact]
    public void TruncatedQuoteIsAFormatFailure()
    {
        var result = VerifyReal(Samples.SgxQuote()[..1000]);
        Assert.Equal(VerificationCheck.QuoteFormat, result.FailedCheck);
    }

    [Fact]
    public void CollateralOfAnotherCaTypeFailsAtThePckCrlIssuer()
    {
        // The TDX sample's PCK comes from the Platform CA; the SGX bundle carries the Processor CA's CRL. QvE
        // checks the PCK chain and its CRLs (step 1) before it looks at the TCB Info.
        var result = new QuoteVerifier().Verify(Samples.TdxQuote(), Samples.SgxCollateral(), Samples.TdxTime);
        Assert.False(result.IsAccepted);
        Assert.Equal(VerificationCheck.PckCrl, result.FailedCheck);
        Assert.Contains("is not the PCK certificate's issuer", result.FailureMessage);
    }
}
