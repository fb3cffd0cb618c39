using System.Runtime.InteropServices;
using Confcom.Aesm.Dcap;
using Confcom.Aesm.Quoting;
using Confcom.Simulation.Quoting;
using Confcom.Simulation.State;
using Microsoft.Extensions.Logging;

namespace Confcom.Cli.Commands.QuoteHelper;

/// <summary>Turns <c>--backend</c>, <c>--state-dir</c> and <c>--sim-root</c> into the <see cref="IQuotingEnclave"/> to serve.</summary>
internal sealed partial class QuoteHelperBackendSelector
{
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly string _quoteLibrary;

    /// <param name="quoteLibrary">Intel's quote library to probe; tests name one that cannot exist.</param>
    public QuoteHelperBackendSelector(ILoggerFactory loggerFactory, string quoteLibrary = DcapAvailability.QuoteLibrary)
    {
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<QuoteHelperBackendSelector>();
        _quoteLibrary = quoteLibrary;
    }

    public IQuotingEnclave Open(QuoteHelperBackend backend, string? stateDir, string? simRoot, string deviceRoot = "/dev")
    {
        switch (backend)
        {
            case QuoteHelperBackend.Dcap:
                if (DcapAvailability.WhyUnavailable(deviceRoot, _quoteLibrary) is { } reason)
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
                if (DcapAvailability.WhyUnavailable(deviceRoot, _quoteLibrary) is { } missing)
                {
                    // On a node with SGX, quietly serving simulated quotes would hide a broken install until every
                    // app's verification fails; simulation is the fallback only where there is no SGX at all.
                    var enclaveDevice = Path.Combine(deviceRoot, "sgx_enclave");
                    if (File.Exists(enclaveDevice) && File.Exists(Path.Combine(deviceRoot, "sgx_provision"))
                        && !NativeLibrary.TryLoad(_quoteLibrary, out _))
                    {
                        // The common case in a cluster: the default image (no Intel software) on an SGX node.
                        throw new CliException(
                            $"--backend auto: this node has SGX ({enclaveDevice}) but this image has no DCAP runtime ({_quoteLibrary} cannot be loaded): " +
                            "run the hardware image variant (deploy/docker/Dockerfile --target hardware; Helm value image.hardwareTag), " +
                            "or pass --backend simulated to serve simulated quotes on purpose");
                    }
                    if (File.Exists(enclaveDevice))
                    {
                        throw new CliException(
                            $"--backend auto: this node has SGX ({enclaveDevice}) but the hardware backend cannot run: {missing}. " +
                            "Fix that, or pass --backend simulated to serve simulated quotes on purpose");
                    }
                    LogFallingBackToSimulation(missing);
                    return OpenSimulated(stateDir, simRoot);
                }
                LogSelected("dcap", "SGX devices and libsgx_dcap_ql found");
                return new DcapQuotingEnclave();
        }
    }

    private IQuotingEnclave OpenSimulated(string? stateDir, string? simRoot)
    {
        if (string.IsNullOrWhiteSpace(stateDir))
        {
            throw new CliException("the simulated backend needs --state-dir DIR (where the simulated node's attestation key and PCK certificate persist)");
        }
        try
        {
            return SimulatedQuotingEnclave.OpenOrCreate(stateDir, simRoot, _loggerFactory);
        }
        catch (SimulationStateException e)
        {
            throw new CliException(e.Message);
        }
        catch (ArgumentException e)
        {
            throw new CliException(e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"--state-dir {stateDir}: cannot open or create the simulated node there: {e.Message.TrimEnd('.')}; pass a --state-dir this user may write");
        }
    }
}
