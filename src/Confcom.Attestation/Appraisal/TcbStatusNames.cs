using Confcom.Attestation.Verification;
using Confcom.Sgx.Collateral;

namespace Confcom.Attestation.Appraisal;

/// <summary>Intel's spellings of the converged TCB statuses, as its appraisal policies write them (<c>TDRelaunchAdvised</c>).</summary>
internal static class TcbStatusNames
{
    public static string Name(TcbStatus status) => status switch
    {
        TcbStatus.TdRelaunchAdvised => "TDRelaunchAdvised",
        TcbStatus.TdRelaunchAdvisedConfigurationNeeded => "TDRelaunchAdvisedConfigurationNeeded",
        _ => status.ToString(),
    };

    /// <summary>Reads a status name case-insensitively (Intel's spelling or the enum's); false for unknown names and numbers.</summary>
    public static bool TryParse(string text, out TcbStatus status)
    {
        foreach (var candidate in Enum.GetValues<TcbStatus>())
        {
            if (string.Equals(Name(candidate), text, StringComparison.OrdinalIgnoreCase) ||
                string.Equals(candidate.ToString(), text, StringComparison.OrdinalIgnoreCase))
            {
                status = candidate;
                return true;
            }
        }
        status = default;
        return false;
    }

    /// <summary>The converged status behind a non-terminal QvE result.</summary>
    public static TcbStatus? FromResult(QuoteVerificationStatus status) => status switch
    {
        QuoteVerificationStatus.Ok => TcbStatus.UpToDate,
        QuoteVerificationStatus.SwHardeningNeeded => TcbStatus.SWHardeningNeeded,
        QuoteVerificationStatus.ConfigNeeded => TcbStatus.ConfigurationNeeded,
        QuoteVerificationStatus.ConfigAndSwHardeningNeeded => TcbStatus.ConfigurationAndSWHardeningNeeded,
        QuoteVerificationStatus.OutOfDate => TcbStatus.OutOfDate,
        QuoteVerificationStatus.OutOfDateConfigNeeded => TcbStatus.OutOfDateConfigurationNeeded,
        QuoteVerificationStatus.TdRelaunchAdvised => TcbStatus.TdRelaunchAdvised,
        QuoteVerificationStatus.TdRelaunchAdvisedConfigNeeded => TcbStatus.TdRelaunchAdvisedConfigurationNeeded,
        _ => null,
    };
}
