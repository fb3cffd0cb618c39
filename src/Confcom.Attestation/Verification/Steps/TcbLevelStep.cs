using Confcom.Attestation.Verification.Tcb;
using Confcom.Sgx.Collateral;
using Confcom.Sgx.Quotes;

namespace Confcom.Attestation.Verification.Steps;

/// <summary>What 4.k found: the selected levels and the converged status (Revoked included; the pipeline makes it TCB_REVOKED).</summary>
internal sealed record TcbEvaluation(TcbLevel Level, EnclaveTcbLevel? ModuleLevel, TcbStatus Status);

/// <summary>
/// QVL 4.k (4.1.2.4.17, <c>checkTcbLevel</c>): the first TCB Info level the platform reaches in every component;
/// for TDX the module level, the module convergence and (TD 1.5) the TD relaunch check; then the QE convergence.
/// </summary>
internal static class TcbLevelStep
{
    public static Checked<TcbEvaluation> Evaluate(Quote quote, TcbInfo tcbInfo, IReadOnlyList<TcbLevel> descending, PlatformTcb platform,
        TdxModuleIdentity? moduleIdentity, EnclaveTcbLevel qeLevel, string fmspc)
    {
        var td = quote.Body.Td;
        var level = TcbLevelMatcher.Select(descending, platform, td is null ? default : td.TeeTcbSvn);
        if (level is null)
        {
            return VerificationFailure.Of(VerificationCheck.TcbLevel,
                $"the platform's TCB (PCK certificate components, PCESVN {platform.PceSvn}) is below every level of the TCB Info for FMSPC {fmspc} (TCB_NOT_SUPPORTED)");
        }
        var status = level.Status;
        EnclaveTcbLevel? moduleLevel = null;
        if (td is not null)
        {
            if (moduleIdentity is not null)
            {
                moduleLevel = SelectModuleLevel(td, moduleIdentity);
                if (moduleLevel is null)
                {
                    return VerificationFailure.Of(VerificationCheck.TcbLevel,
                        $"TDX module SVN {td.TeeTcbSvn[0]} is below every level of {moduleIdentity.Id} (TCB_NOT_SUPPORTED)");
                }
            }
            var moduleStatus = moduleLevel?.Status ?? TcbStatus.UpToDate;
            status = TcbStatusConvergence.WithTdxModule(status, moduleStatus);
            if (td.IsTd15 && status != TcbStatus.Revoked)
            {
                var sgxLevel = TcbLevelMatcher.SelectSgx(descending, platform)!;
                var (relaunched, failure) = TdRelaunchCheck.Apply(td.TeeTcbSvn2, tcbInfo, descending, sgxLevel.Status, status, moduleStatus, qeLevel.Status);
                if (failure is not null)
                {
                    return failure;
                }
                status = relaunched;
            }
        }
        return new TcbEvaluation(level, moduleLevel, TcbStatusConvergence.WithQe(status, qeLevel.Status));
    }

    /// <summary>QVL <c>checkTdxModuleTcbStatus</c>: the first module level whose ISVSVN the module's SVN (TEE_TCB_SVN[0]) reaches.</summary>
    private static EnclaveTcbLevel? SelectModuleLevel(TdReportBody td, TdxModuleIdentity identity)
    {
        var isvSvn = td.TeeTcbSvn[0];
        foreach (var level in identity.TcbLevels)
        {
            if (level.IsvSvn <= isvSvn)
            {
                return level;
            }
        }
        return null;
    }
}
