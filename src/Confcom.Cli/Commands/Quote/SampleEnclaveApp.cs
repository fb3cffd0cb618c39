using System.Security.Cryptography;
using System.Text;
using Confcom.Attestation.Client;
using Confcom.Sgx.Structures;
using Confcom.Simulation.Enclaves;
using Confcom.Simulation.Platform;

namespace Confcom.Cli.Commands.Quoting;

/// <summary>
/// The "enclave app" that <c>confcom quote</c> and <c>confcom demo</c> play: a simulated enclave with a fixed,
/// recognisable identity on the node's simulated platform, getting its quote through a <see cref="QuoteClient"/>
/// exactly as a real app would (target info, EREPORT for that target, quote).
/// </summary>
internal sealed class SampleEnclaveApp(SimulatedPlatform platform)
{
    /// <summary>MRENCLAVE = SHA-256("confcom sample enclave"): a stand-in measurement anyone can recompute.</summary>
    public static readonly byte[] MrEnclave = SHA256.HashData(Encoding.ASCII.GetBytes("confcom sample enclave"));

    /// <summary>MRSIGNER = SHA-256("confcom sample signer").</summary>
    public static readonly byte[] MrSigner = SHA256.HashData(Encoding.ASCII.GetBytes("confcom sample signer"));

    private readonly SimulatedEnclave _enclave = new(platform, new SimulatedEnclaveIdentity
    {
        MrEnclave = MrEnclave,
        MrSigner = MrSigner,
        IsvProdId = 1,
        IsvSvn = 1,
    });

    /// <summary>Runs the app side of attestation and returns the quote (exact length).</summary>
    public async Task<EnclaveAppQuote> GetQuoteAsync(QuoteClient client, ReadOnlyMemory<byte> reportData, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var targetInfo = await client.GetTargetInfoAsync(cancellationToken).ConfigureAwait(false);
        SgxReport report = _enclave.CreateReport(targetInfo, reportData.Span);
        var quote = await client.GetQuoteAsync(report, cancellationToken).ConfigureAwait(false);
        return new EnclaveAppQuote(report, quote);
    }
}
