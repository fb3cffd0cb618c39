using Confcom.Aesm.Dcap;
using Confcom.Aesm.Quoting;
using Microsoft.Extensions.Logging;

namespace Confcom.Cli.Commands.QuoteHelper;

/// <summary>Turns <c>--backend</c>, <c>--state-dir</c> and <c>--sim-root</c> into the <see cref="IQuotingEnclave"/> to serve.</summary>
internal sealed partial class QuoteHelperBackendSelector
{
    private readonly ILogger _logger;

    public QuoteHelperBackendSelector(ILogger logger) => _logger = logger;

    public IQuotingEnclave Open(QuoteHelperBackend backend, string? stateDir, string? simRoot, string deviceRoot = "/dev")
    {
        switch (backend)
        {
            case QuoteHelperBackend.Dcap:
                if (DcapAvailability.WhyUnavailable(deviceRoot) is { } reason)
                {
                    throw new CliException($"--backend dcap cannot run here: {reason}");
                }
                LogSelected("dcap", "requested with --backend dcap");
                return new DcapQuotingEnclave();
            case QuoteHelperBackend.Simulated:
                var simulated = OpenSimulated(stateDir, simRoot);
                LogSelected("simulated", "requested with --backend simulated");
                return simulated;
            default:
                if (DcapAvailability.WhyUnavailable(deviceRoot) is { } missing)
                {
                    LogFallingBackToSimulation(missing);
                    return OpenSimulated(stateDir, simRoot);
                }
                LogSelected("dcap", "SGX devices and libsgx_dcap_ql found");
                return new DcapQuotingEnclave();
        }
    }

    private static IQuotingEnclave OpenSimulated(string? stateDir, string? simRoot)
    {
        _ = stateDir;
        _ = simRoot;
        throw new CliException("--backend simulated is not available in this build yet (the simulated QE3 has not been merged); use --backend dcap on SGX hardware", 2);
    }
}
