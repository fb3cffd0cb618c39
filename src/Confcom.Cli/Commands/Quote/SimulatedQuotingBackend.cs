using Confcom.Aesm.Quoting;
using Confcom.Simulation.Platform;

namespace Confcom.Cli.Commands.Quote;

/// <summary>The in-process quoting backend of a simulated node (interim until the sim branch's simulated QE lands).</summary>
internal static class SimulatedQuotingBackend
{
    public static IQuotingEnclave Create(SimulatedPlatform platform) =>
        throw new CliException($"in-process quoting on the simulated node in {platform.StateDirectory} is not available in this build yet; set SGX_AESM_ADDR=1 to use a quote helper", 2);
}
