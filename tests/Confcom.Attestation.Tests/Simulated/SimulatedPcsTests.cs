using Confcom.Attestation.Collateral;
using Confcom.Attestation.Verification;
using Confcom.Simulation.Collateral;
using Confcom.Simulation.Pcs;
using Confcom.Testing;

namespace Confcom.Attestation.Tests.Simulated;

/// <summary>The PCS HTTP source against the simulation's PCS server (the one behind <c>confcom pcs serve</c>).</summary>
public sealed class SimulatedPcsTests(SimulatedNode node) : IClassFixture<SimulatedNode>
{
    [Theory]
    [InlineData(CollateralScenario.UpToDate, QuoteVerificationStatus.Ok)]
    [InlineData(CollateralScenario.ConfigurationNeeded, QuoteVerificationStatus.ConfigNeeded)]
    public async Task QuoteVerifiesWithCollateralFetchedFromTheSimulatedPcs(CollateralScenario scenario, QuoteVerificationStatus expected)
    {
        await using var server = await RunningPcs.StartAsync(node.Platform, o => o.Scenario = scenario);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var source = new PcsCollateralSource(http, new PcsCollateralSourceOptions { BaseAddress = server.BaseAddress });

        var quote = await node.QuoteAsync(new byte[64]);
        var request = CollateralRequest.ForQuote(Sgx.Quotes.Quote.Parse(quote));
        Assert.Equal(PckCaType.Platform, request.CaType);

        var result = await node.Verifier().VerifyAsync(quote, source, DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.True(result.IsAccepted, result.FailureMessage);
        Assert.Equal(expected, result.Status);
    }
}
