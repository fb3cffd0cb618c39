using Confcom.DevicePlugin.Platform;

namespace Confcom.Cli.Commands.DevicePlugin;

/// <summary>
/// <c>node-info --check</c>: whether this node can run enclaves and quote, as an exit code an init container or a
/// readiness probe can gate on. Quoting needs the provisioning device besides the enclave device: without it the
/// quoting enclave cannot get its attestation key (DCAP's <c>sgx_qe_get_target_info</c> fails with 0xe001/0xe00b).
/// </summary>
internal static class NodeCheck
{
    /// <summary>Enclaves cannot run on this node.</summary>
    public const int EnclavesUnusableExitCode = 3;

    /// <summary>Enclaves run, but quotes cannot be made (no provisioning device).</summary>
    public const int QuotingUnusableExitCode = 4;

    public static bool QuotingUsable(SgxNodeReport report) => report.EnclavesUsable && report.DeviceNodes.ProvisionUsable;

    /// <summary>Null when the node passes, else the failure to report.</summary>
    public static CliException? Evaluate(SgxNodeReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (!report.EnclavesUsable)
        {
            return new CliException($"node-info --check: enclaves cannot run here: {FirstProblem(report, "no usable SGX enclave device or EPC")}", EnclavesUnusableExitCode);
        }
        if (!QuotingUsable(report))
        {
            return new CliException($"node-info --check: enclaves run but quotes cannot be made here: {FirstProblem(report, "/dev/sgx_provision is not usable")}", QuotingUnusableExitCode);
        }
        return null;
    }

    private static string FirstProblem(SgxNodeReport report, string fallback) => report.Problems.Count > 0 ? report.Problems[0] : fallback;
}
