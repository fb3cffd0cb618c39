using Confcom.Sgx.Collateral;

namespace Confcom.Attestation.Verification.Tcb;

/// <summary>
/// QVL's TD relaunch check for TD 1.5 quotes (<c>Verifiers/Checks/TDRelaunchCheck.cpp</c>): a TD whose TDX TCB is out of
/// date only because of its TDX module, while TEE_TCB_SVN2 shows the platform already runs the latest module, only
/// needs a relaunch to be current.
/// </summary>
internal static class TdRelaunchCheck
{
    /// <summary>The TD's status after the check, or the failure (TCB_NOT_SUPPORTED, TDX_MODULE_MISMATCH).</summary>
    public static (TcbStatus Status, VerificationFailure? Failure) Apply(ReadOnlySpan<byte> teeTcbSvn2, TcbInfo tcbInfo, IReadOnlyList<TcbLevel> descending,
        TcbStatus sgxStatus, TcbStatus tdxStatus, TcbStatus moduleStatus, TcbStatus qeStatus)
    {
        if (qeStatus is TcbStatus.OutOfDate or TcbStatus.Revoked ||
            sgxStatus is not (TcbStatus.UpToDate or TcbStatus.SWHardeningNeeded or TcbStatus.ConfigurationNeeded or TcbStatus.ConfigurationAndSWHardeningNeeded) ||
            tdxStatus is not (TcbStatus.OutOfDate or TcbStatus.OutOfDateConfigurationNeeded) ||
            moduleStatus != TcbStatus.OutOfDate)
        {
            return (tdxStatus, null);
        }
        var latest = descending[0];
        if (latest.TdxComponents.Count != 16)
        {
            return (tdxStatus, VerificationFailure.Of(VerificationCheck.TcbLevel, "the TDX TCB Info has no TDX components in its latest level (TCB_NOT_SUPPORTED)"));
        }
        int requiredModuleSvn;
        if (teeTcbSvn2[1] == 0)
        {
            requiredModuleSvn = latest.TdxComponents[0];
        }
        else
        {
            var id = $"TDX_{teeTcbSvn2[1]:X2}";
            var identity = Steps.TdxModuleStep.FindIdentity(tcbInfo, id);
            if (identity is null)
            {
                return (tdxStatus, VerificationFailure.Of(VerificationCheck.TdxModule,
                    $"the TCB Info has no TDX module identity {id} for TEE_TCB_SVN2[1] = {teeTcbSvn2[1]} (TDX_MODULE_MISMATCH)"));
            }
            if (identity.TcbLevels.Count == 0)
            {
                return (tdxStatus, VerificationFailure.Of(VerificationCheck.TcbLevel, $"TDX module identity {id} has no levels (TCB_NOT_SUPPORTED)"));
            }
            requiredModuleSvn = identity.TcbLevels[0].IsvSvn;
        }
        if (teeTcbSvn2[0] < requiredModuleSvn || teeTcbSvn2[2] < latest.TdxComponents[2])
        {
            return (tdxStatus, null);
        }
        return (NeedsConfiguration(sgxStatus) || NeedsConfiguration(tdxStatus)
            ? TcbStatus.TdRelaunchAdvisedConfigurationNeeded
            : TcbStatus.TdRelaunchAdvised, null);
    }

    private static bool NeedsConfiguration(TcbStatus status) => status is
        TcbStatus.ConfigurationNeeded or TcbStatus.OutOfDateConfigurationNeeded or
        TcbStatus.ConfigurationAndSWHardeningNeeded or TcbStatus.TdRelaunchAdvisedConfigurationNeeded;
}
