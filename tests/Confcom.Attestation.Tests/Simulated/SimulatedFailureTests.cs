using Confcom.Attestation.Appraisal;
using Confcom.Attestation.Verification;
using Confcom.Simulation.Collateral;
using Confcom.Simulation.Platform;

namespace Confcom.Attestation.Tests.Simulated;

/// <summary>The failure list on quotes from the simulated QE and collateral from the simulated PCS chain.</summary>
public sealed class SimulatedFailureTests(SimulatedNode node) : IClassFixture<SimulatedNode>
{
    private async Task<QuoteVerificationResult> VerifyTampered(Action<byte[]> tamper)
    {
        var quote = await node.QuoteAsync(new byte[64]);
        tamper(quote);
        return node.Verifier().Verify(quote, node.Collateral(CollateralScenario.UpToDate), node.VerifyAt);
    }

    [Fact]
    public async Task TamperedIsvSignature() =>
        Assert.Equal(VerificationCheck.IsvSignature, (await VerifyTampered(q => q[436] ^= 0x40)).FailedCheck);

    [Fact]
    public async Task TamperedReportData() =>
        Assert.Equal(VerificationCheck.IsvSignature, (await VerifyTampered(q => q[48 + 320] ^= 0x01)).FailedCheck);

    [Fact]
    public async Task TamperedQeReport() =>
        Assert.Equal(VerificationCheck.QeReportSignature, (await VerifyTampered(q => q[564 + 64] ^= 0x01)).FailedCheck);

    [Fact]
    public async Task WrongReportDataBinding() =>
        Assert.Equal(VerificationCheck.QeReportData, (await VerifyTampered(q => q[1014 + 5] ^= 0x01)).FailedCheck);

    [Fact]
    public async Task IntelRootDoesNotTrustTheSimulatedRoot()
    {
        var quote = await node.QuoteAsync(new byte[64]);
        var result = new QuoteVerifier().Verify(quote, node.Collateral(CollateralScenario.UpToDate), node.VerifyAt);
        Assert.Equal(VerificationCheck.TrustedRoot, result.FailedCheck);
    }

    [Fact]
    public async Task CollateralOfAnotherFmspcUnderTheSameRootIsATcbInfoMismatch()
    {
        // A second node sharing the root but with another FMSPC: its collateral is validly signed, for the wrong platform.
        using var other = SimulatedPlatform.OpenOrCreate(Path.Combine(node.Directory, "other"), node.RootDirectory,
            description: SimulatedPlatformDescription.CreateDefault() with { Fmspc = Convert.FromHexString("00C0FFEE0001") });
        var collateral = SimulatedCollateralIssuer.Issue(other, CollateralScenario.UpToDate, node.IssuedAt).ToQuoteCollateral();

        var result = node.Verifier().Verify(await node.QuoteAsync(new byte[64]), collateral, node.VerifyAt);

        Assert.Equal(VerificationCheck.Fmspc, result.FailedCheck);
        Assert.Contains("00C0FFEE0001", result.FailureMessage);
    }

    [Fact]
    public async Task ExpiredCollateralKeepsIntelsStatusAndIsRefusedUnlessThePolicyAllowsIt()
    {
        var quote = await node.QuoteAsync(new byte[64]);
        var collateral = node.Collateral(CollateralScenario.UpToDate);
        var late = node.IssuedAt + SimulatedCollateralIssuer.DefaultValidity + TimeSpan.FromDays(1);

        var refused = node.Verifier().Verify(quote, collateral, late);
        Assert.True(refused.IsVerified, refused.FailureMessage);
        Assert.Equal(QuoteVerificationStatus.Ok, refused.Status);
        Assert.True(refused.CollateralExpired);
        Assert.False(refused.IsAccepted);
        var check = Assert.Single(refused.Appraisal.FailedChecks);
        Assert.Equal("allowExpiredCollateral", check.Name);
        Assert.Contains("TCB Info", check.Actual);

        var allowed = node.Verifier(AppraisalPolicy.Default with { AllowExpiredCollateral = true }).Verify(quote, collateral, late);
        Assert.True(allowed.IsAccepted, allowed.Appraisal.Summary);
        Assert.True(allowed.CollateralExpired);
    }

    [Fact]
    public async Task DebugEnclaveIsRejectedUnlessAllowed()
    {
        var quote = await node.QuoteAsync(new byte[64], SimulatedNode.App.WithDebug(true));
        var collateral = node.Collateral(CollateralScenario.UpToDate);

        var rejected = node.Verifier().Verify(quote, collateral, node.VerifyAt);
        Assert.True(rejected.IsVerified, rejected.FailureMessage);
        Assert.Equal(QuoteVerificationStatus.Ok, rejected.Status);
        Assert.False(rejected.IsAccepted);
        Assert.Equal("allowDebug", Assert.Single(rejected.Appraisal.FailedChecks).Name);

        var allowed = node.Verifier(AppraisalPolicy.Default with { AllowDebug = true }).Verify(quote, collateral, node.VerifyAt);
        Assert.True(allowed.IsAccepted, allowed.FailureMessage);
        Assert.True(allowed.Enclave!.IsDebug);
    }
}
