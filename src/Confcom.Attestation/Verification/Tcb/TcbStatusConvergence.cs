using Confcom.Sgx.Collateral;

namespace Confcom.Attestation.Verification.Tcb;

/// <summary>
/// Intel's convergence of the platform status with the QE (and TDX module) status, QVL
/// <c>convergeTcbStatusWithQeTcbStatus</c>: an out-of-date QE makes an otherwise current platform out of date and
/// keeps the configuration hint; it is not dcap-qvl's "worst status wins".
/// </summary>
internal static class TcbStatusConvergence
{
    public static TcbStatus WithQe(TcbStatus platform, TcbStatus qe) => qe switch
    {
        TcbStatus.Revoked => TcbStatus.Revoked,
        TcbStatus.OutOfDate => WithOutOfDateComponent(platform),
        _ => platform,
    };

    /// <summary>The same rule for the TDX module level (QVL <c>convergeTcbStatusWithTdxModuleStatus</c>).</summary>
    public static TcbStatus WithTdxModule(TcbStatus platform, TcbStatus module) => WithQe(platform, module);

    public static QuoteVerificationStatus ToResult(TcbStatus status) => status switch
    {
        TcbStatus.UpToDate => QuoteVerificationStatus.Ok,
        TcbStatus.SWHardeningNeeded => QuoteVerificationStatus.SwHardeningNeeded,
        TcbStatus.ConfigurationNeeded => QuoteVerificationStatus.ConfigNeeded,
        TcbStatus.ConfigurationAndSWHardeningNeeded => QuoteVerificationStatus.ConfigAndSwHardeningNeeded,
        TcbStatus.OutOfDate => QuoteVerificationStatus.OutOfDate,
        TcbStatus.OutOfDateConfigurationNeeded => QuoteVerificationStatus.OutOfDateConfigNeeded,
        TcbStatus.Revoked => QuoteVerificationStatus.Revoked,
        TcbStatus.TdRelaunchAdvised => QuoteVerificationStatus.TdRelaunchAdvised,
        TcbStatus.TdRelaunchAdvisedConfigurationNeeded => QuoteVerificationStatus.TdRelaunchAdvisedConfigNeeded,
        _ => QuoteVerificationStatus.Unspecified,
    };

    private static TcbStatus WithOutOfDateComponent(TcbStatus platform) => platform switch
    {
        TcbStatus.UpToDate or TcbStatus.SWHardeningNeeded => TcbStatus.OutOfDate,
        TcbStatus.ConfigurationNeeded or TcbStatus.ConfigurationAndSWHardeningNeeded => TcbStatus.OutOfDateConfigurationNeeded,
        _ => platform,
    };
}
