using System.Security.Cryptography;
using Confcom.Aesm.Quoting;
using Confcom.Attestation.Appraisal;
using Confcom.Attestation.Verification;
using Confcom.Simulation.Collateral;
using Confcom.Simulation.Platform;
using Confcom.Sgx.Collateral;

namespace Confcom.Attestation.Tests.Simulated;

/// <summary>Every simulated collateral scenario verifies to the status Intel's QvE would give.</summary>
public sealed class SimulatedScenarioTests(SimulatedNode node) : IClassFixture<SimulatedNode>
{
    private async Task<QuoteVerificationResult> Verify(CollateralScenario scenario)
    {
        var reportData = RandomNumberGenerator.GetBytes(64);
        var quote = await node.QuoteAsync(reportData);
        var result = node.Verifier().Verify(quote, node.Collateral(scenario), node.VerifyAt);
        if (result.Enclave is not null)
        {
            Assert.Equal(Convert.ToHexStringLower(reportData), result.Enclave.ReportData);
        }
        return result;
    }

    [Theory]
    [InlineData(CollateralScenario.UpToDate, QuoteVerificationStatus.Ok, null)]
    [InlineData(CollateralScenario.SWHardeningNeeded, QuoteVerificationStatus.SwHardeningNeeded, "INTEL-SA-00615")]
    [InlineData(CollateralScenario.ConfigurationNeeded, QuoteVerificationStatus.ConfigNeeded, "INTEL-SA-00289")]
    [InlineData(CollateralScenario.OutOfDate, QuoteVerificationStatus.OutOfDate, "INTEL-SA-00837")]
    public async Task NonTerminalScenariosGiveTheirStatus(CollateralScenario scenario, QuoteVerificationStatus expected, string? advisory)
    {
        var result = await Verify(scenario);

        Assert.True(result.IsVerified, result.FailureMessage);
        Assert.Equal(Quote3Error.Success, result.Quote3Error);
        Assert.Equal(expected, result.Status);
        Assert.Equal(TcbStatus.UpToDate, result.QeTcbStatus);
        if (advisory is null)
        {
            Assert.Empty(result.AdvisoryIds);
        }
        else
        {
            Assert.Contains(advisory, result.AdvisoryIds);
        }
        Assert.Equal(Convert.ToHexStringLower(SimulatedNode.App.MrEnclave), result.Enclave!.MrEnclave);
        Assert.Equal(SimulatedNode.App.IsvSvn, result.Enclave.IsvSvn);
        Assert.False(result.CollateralExpired);
    }

    [Fact]
    public async Task OutOfDateQeMakesAnUpToDatePlatformOutOfDate()
    {
        var result = await Verify(CollateralScenario.OutOfDateQe);

        Assert.True(result.IsVerified, result.FailureMessage);
        Assert.Equal(TcbStatus.UpToDate, result.PlatformTcbStatus);
        Assert.Equal(TcbStatus.OutOfDate, result.QeTcbStatus);
        Assert.Equal(QuoteVerificationStatus.OutOfDate, result.Status);
        // Intel's rule: advisories only from the matching TCB Info level (UpToDate, none); the QE level's apart.
        Assert.Empty(result.AdvisoryIds);
        Assert.Equal(["INTEL-SA-00615"], result.QeAdvisoryIds);
        // OutOfDate is refused by the default policy.
        Assert.False(result.IsAccepted);
        Assert.Equal("acceptedTcbStatuses", Assert.Single(result.Appraisal.FailedChecks).Name);
    }

    [Fact]
    public async Task RevokedPckIsQvesPckRevokedErrorWithResultUnspecified()
    {
        var result = await Verify(CollateralScenario.RevokedPck);

        Assert.False(result.IsAccepted);
        Assert.Equal(QuoteVerificationStatus.Unspecified, result.Status);
        Assert.Equal("SGX_QL_QV_RESULT_UNSPECIFIED", result.StatusName);
        Assert.Equal(Quote3Error.PckRevoked, result.Quote3Error);
        Assert.Equal("SGX_QL_PCK_REVOKED", result.Quote3ErrorName);
        Assert.Equal(0xE031u, (uint)result.Quote3Error);
        Assert.Equal(VerificationCheck.PckRevoked, result.FailedCheck);
    }

    [Fact]
    public async Task RevokedTcbLevelIsQvesTcbRevokedErrorWithResultUnspecified()
    {
        var result = await Verify(CollateralScenario.RevokedTcbLevel);

        Assert.False(result.IsAccepted);
        Assert.Equal(QuoteVerificationStatus.Unspecified, result.Status);
        Assert.Equal(Quote3Error.TcbRevoked, result.Quote3Error);
        Assert.Equal("SGX_QL_TCB_REVOKED", result.Quote3ErrorName);
        Assert.Equal(0xE032u, (uint)result.Quote3Error);
        Assert.Equal(VerificationCheck.TcbLevel, result.FailedCheck);
        Assert.Equal(TcbStatus.Revoked, result.PlatformTcbStatus);
    }
}
