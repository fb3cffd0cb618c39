using Confcom.Attestation.Client;
using Confcom.DevicePlugin.Platform;

namespace Confcom.Cli.Commands.DevicePlugin;

/// <summary>
/// <c>node-info --check</c>: whether this node can run enclaves and quote, as an exit code an init container or a
/// readiness probe can gate on. Quoting follows Intel's rule, as the app's own DCAP library would:
/// <list type="bullet">
/// <item><c>SGX_AESM_ADDR</c> set: out of process. The app container needs no provisioning device (the webhook wires
/// EPC pods this way), so the check asks the quote helper on <c>--socket</c> for its quoting enclave's target info,
/// the first call <c>libsgx_quote_ex</c> makes.</item>
/// <item>unset: in process. The quoting enclave needs the provisioning device besides the enclave device: without it
/// it cannot get its attestation key (DCAP's <c>sgx_qe_get_target_info</c> fails with 0xe001/0xe00b).</item>
/// </list>
/// </summary>
internal static class NodeCheck
{
    /// <summary>Enclaves cannot run on this node.</summary>
    public const int EnclavesUnusableExitCode = 3;

    /// <summary>Enclaves run, but quotes cannot be made (no provisioning device, or no answering quote helper).</summary>
    public const int QuotingUnusableExitCode = 4;

    /// <summary>How long the quote helper may take to answer the check (a readiness probe has its own, shorter, timeout).</summary>
    public static readonly TimeSpan QuoteHelperTimeout = TimeSpan.FromSeconds(5);

    public static async Task<QuotingAssessment> AssessQuotingAsync(SgxNodeReport report, QuoteClientOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(options);
        var outOfProcess = options.ResolveMode() == QuotingMode.OutOfProcess;
        if (!report.EnclavesUsable)
        {
            return new QuotingAssessment(false, outOfProcess, "enclaves cannot run here, so no enclave can ask for a quote");
        }
        if (!outOfProcess)
        {
            return report.DeviceNodes.ProvisionUsable
                ? new QuotingAssessment(true, false, "in process (SGX_AESM_ADDR is not set): /dev/sgx_provision is usable")
                : new QuotingAssessment(false, false,
                    "in process (SGX_AESM_ADDR is not set) needs /dev/sgx_provision, which is not usable here; " +
                    "set SGX_AESM_ADDR=1 and mount /var/run/aesmd to quote through the node's quote helper instead");
        }

        var socket = options.AesmSocketPath;
        var client = new QuoteClient(new QuoteClientOptions
        {
            Mode = QuotingMode.OutOfProcess,
            AesmSocketPath = socket,
            CallTimeout = QuoteHelperTimeout,
        });
        try
        {
            await client.GetTargetInfoAsync(cancellationToken).ConfigureAwait(false);
            return new QuotingAssessment(true, true, $"out of process (SGX_AESM_ADDR is set): the quote helper on {socket} answered with its quoting enclave's target info");
        }
        catch (QuoteException ex)
        {
            return new QuotingAssessment(false, true,
                $"out of process (SGX_AESM_ADDR is set), but the quote helper on {socket} gave no target info ({ex.Message}); " +
                "check that the quote-helper DaemonSet runs on this node and that its socket directory is mounted here (the webhook mounts /var/run/aesmd)");
        }
    }

    /// <summary>Null when the node passes, else the failure to report.</summary>
    public static CliException? Evaluate(SgxNodeReport report, QuotingAssessment quoting)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(quoting);
        if (!report.EnclavesUsable)
        {
            return new CliException($"node-info --check: enclaves cannot run here: {(report.Problems.Count > 0 ? report.Problems[0] : "no usable SGX enclave device or EPC")}", EnclavesUnusableExitCode);
        }
        return quoting.Usable
            ? null
            : new CliException($"node-info --check: enclaves run but quotes cannot be made here: {quoting.Detail}", QuotingUnusableExitCode);
    }
}
