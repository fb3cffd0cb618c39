namespace Confcom.Attestation.Verification;

/// <summary>Intel's names for the statuses, which of them end verification, and what each means for an operator.</summary>
public static class QuoteVerificationStatusExtensions
{
    /// <summary>The status as Intel's QVL names it (<c>SGX_QL_QV_RESULT_…</c>).</summary>
    public static string IntelName(this QuoteVerificationStatus status) => status switch
    {
        QuoteVerificationStatus.Ok => "SGX_QL_QV_RESULT_OK",
        QuoteVerificationStatus.ConfigNeeded => "SGX_QL_QV_RESULT_CONFIG_NEEDED",
        QuoteVerificationStatus.OutOfDate => "SGX_QL_QV_RESULT_OUT_OF_DATE",
        QuoteVerificationStatus.OutOfDateConfigNeeded => "SGX_QL_QV_RESULT_OUT_OF_DATE_CONFIG_NEEDED",
        QuoteVerificationStatus.InvalidSignature => "SGX_QL_QV_RESULT_INVALID_SIGNATURE",
        QuoteVerificationStatus.Revoked => "SGX_QL_QV_RESULT_REVOKED",
        QuoteVerificationStatus.Unspecified => "SGX_QL_QV_RESULT_UNSPECIFIED",
        QuoteVerificationStatus.SwHardeningNeeded => "SGX_QL_QV_RESULT_SW_HARDENING_NEEDED",
        QuoteVerificationStatus.ConfigAndSwHardeningNeeded => "SGX_QL_QV_RESULT_CONFIG_AND_SW_HARDENING_NEEDED",
        QuoteVerificationStatus.TdRelaunchAdvised => "SGX_QL_QV_RESULT_TD_RELAUNCH_ADVISED",
        QuoteVerificationStatus.TdRelaunchAdvisedConfigNeeded => "SGX_QL_QV_RESULT_TD_RELAUNCH_ADVISED_CONFIG_NEEDED",
        _ => $"0x{(int)status:X4}",
    };

    /// <summary>True for the statuses QvE returns with a failing <c>quote3_error_t</c>: the quote must not be trusted.</summary>
    public static bool IsTerminal(this QuoteVerificationStatus status) => status is
        QuoteVerificationStatus.InvalidSignature or QuoteVerificationStatus.Revoked or QuoteVerificationStatus.Unspecified;

    /// <summary>One sentence for the operator: what the status means and what to do about it.</summary>
    public static string OperatorAdvice(this QuoteVerificationStatus status) => status switch
    {
        QuoteVerificationStatus.Ok => "the platform TCB and the quoting enclave are up to date.",
        QuoteVerificationStatus.ConfigNeeded =>
            "the TCB is current but the platform configuration (BIOS settings such as hyper-threading) needs changes; the listed advisories say which.",
        QuoteVerificationStatus.OutOfDate =>
            "the platform TCB or the quoting enclave is out of date: update microcode/BIOS or the SGX PSW/DCAP packages, then re-attest.",
        QuoteVerificationStatus.OutOfDateConfigNeeded =>
            "the TCB is out of date and the configuration needs changes: update microcode/BIOS and review the BIOS settings the advisories name.",
        QuoteVerificationStatus.SwHardeningNeeded =>
            "the TCB is current; the advisories require software mitigations in the enclave, which the relying party must accept by policy.",
        QuoteVerificationStatus.ConfigAndSwHardeningNeeded =>
            "the platform configuration needs changes and the advisories require software mitigations in the enclave; accept only if your policy allows.",
        QuoteVerificationStatus.TdRelaunchAdvised => "a TDX module update is installed; relaunch the TD to pick it up.",
        QuoteVerificationStatus.TdRelaunchAdvisedConfigNeeded => "relaunch the TD and review the platform configuration.",
        QuoteVerificationStatus.InvalidSignature => "a signature does not verify: the quote or the collateral was altered or is not from this platform.",
        QuoteVerificationStatus.Revoked => "a certificate or the TCB level is revoked by Intel: do not trust this platform.",
        _ => "the quote cannot be trusted.",
    };
}
