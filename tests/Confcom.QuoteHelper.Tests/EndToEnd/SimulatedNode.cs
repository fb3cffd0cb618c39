using Confcom.Simulation.Enclaves;
using Confcom.Simulation.Platform;
using Confcom.Simulation.Quoting;

namespace Confcom.QuoteHelper.Tests.EndToEnd;

/// <summary>
/// One simulated SGX node (root CA, PCK certificate, attestation key) in a temp state directory, shared by the
/// end-to-end tests of a class, and an app enclave running on it.
/// </summary>
public sealed class SimulatedNode : IDisposable
{
    public SimulatedNode()
    {
        StateDirectory = Path.Combine(Path.GetTempPath(), "cc-sim-" + Guid.NewGuid().ToString("N")[..8]);
        Enclave = SimulatedQuotingEnclave.OpenOrCreate(StateDirectory);
        App = new SimulatedEnclave(Enclave.Platform, new SimulatedEnclaveIdentity
        {
            MrEnclave = Enumerable.Repeat((byte)0x5A, 32).ToArray(),
            MrSigner = Enumerable.Repeat((byte)0xA5, 32).ToArray(),
            IsvProdId = 7,
            IsvSvn = 3,
        });
    }

    public string StateDirectory { get; }

    public SimulatedQuotingEnclave Enclave { get; }

    public SimulatedPlatform Platform => Enclave.Platform;

    public SimulatedEnclave App { get; }

    public void Dispose()
    {
        Enclave.Dispose();
        try
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
