using Confcom.Attestation.Verification;
using Confcom.Sgx.Collateral;

namespace Confcom.Attestation.Appraisal;

/// <summary>
/// A relying party's appraisal of a verification result, separate from Intel's verdict: which TCB statuses and
/// advisories to accept, how old or expired the collateral may be, and which enclave or TD may attest (the ideas of
/// Intel's DCAP appraisal policies and Azure Attestation's rules; format in docs/verifier.md). Immutable; validate
/// with <see cref="Validate"/> (the verifier does when it is given a policy) or read one with <see cref="Parse"/>.
/// </summary>
public sealed record AppraisalPolicy
{
    /// <summary>
    /// The statuses accepted by default: current TCB and the two that ask for a configuration change or software
    /// mitigations in the enclave, which most cloud SGX platforms report (Intel's sample treats them as success
    /// with a warning). OutOfDate levels and TD relaunch advice are refused: a fix exists that the platform (or the
    /// running TD) has not applied.
    /// </summary>
    public static readonly IReadOnlyList<TcbStatus> DefaultAcceptedTcbStatuses =
        [TcbStatus.UpToDate, TcbStatus.SWHardeningNeeded, TcbStatus.ConfigurationNeeded, TcbStatus.ConfigurationAndSWHardeningNeeded];

    /// <summary>The default: <see cref="DefaultAcceptedTcbStatuses"/>, no debug, collateral valid at the verification time.</summary>
    public static AppraisalPolicy Default { get; } = new();

    /// <summary>The default but only UpToDate (<c>SGX_QL_QV_RESULT_OK</c>) accepted.</summary>
    public static AppraisalPolicy Strict { get; } = new() { AcceptedTcbStatuses = [TcbStatus.UpToDate] };

    /// <summary>Converged TCB statuses accepted (Intel's names; <c>Revoked</c> is never accepted: Intel fails verification).</summary>
    public IReadOnlyList<TcbStatus> AcceptedTcbStatuses { get; init; } = DefaultAcceptedTcbStatuses;

    /// <summary>When set, every advisory of the platform, QE and TDX module levels must be in this list.</summary>
    public IReadOnlyList<string>? AllowedAdvisoryIds { get; init; }

    /// <summary>Advisories that refuse the quote wherever they appear (platform, QE or TDX module level).</summary>
    public IReadOnlyList<string> RejectedAdvisoryIds { get; init; } = [];

    /// <summary>The lowest TCB evaluation data number accepted, compared with Intel's <c>tcb_eval_ref_num</c> (the lower of TCB Info's and QE Identity's).</summary>
    public int? MinTcbEvaluationDataNumber { get; init; }

    /// <summary>Accept collateral that expired before the verification time (QvE's <c>collateral_expiration_status</c>).</summary>
    public bool AllowExpiredCollateral { get; init; }

    /// <summary>Accept collateral issued after the verification time (a wrong clock or <c>--at</c>).</summary>
    public bool AllowNotYetValidCollateral { get; init; }

    /// <summary>When set, TCB Info, QE Identity and both CRLs must have been issued at most this long before the verification time.</summary>
    public TimeSpan? MaxCollateralAge { get; init; }

    /// <summary>Accept debug enclaves (ATTRIBUTES.DEBUG) and debug TDs (TD_ATTRIBUTES.DEBUG). Never for production.</summary>
    public bool AllowDebug { get; init; }

    /// <summary>The 64 bytes (hex) the report data must be exactly.</summary>
    public string? ReportData { get; init; }

    /// <summary>Hex bytes whose SHA-256 must be the first 32 bytes of the report data (a key or nonce bound by hash).</summary>
    public string? ReportDataSha256Of { get; init; }

    /// <summary>SGX enclave checks; with only this section, a TDX quote is refused.</summary>
    public SgxEnclavePolicy? Sgx { get; init; }

    /// <summary>TDX TD checks; with only this section, an SGX quote is refused.</summary>
    public TdxTdPolicy? Tdx { get; init; }

    /// <summary>Reads a policy document; errors are <see cref="FormatException"/>s naming the JSON path.</summary>
    public static AppraisalPolicy Parse(string json, string source = "policy") => AppraisalPolicyJson.Parse(json, source);

    /// <summary>Largest policy file read (a policy is a few KiB).</summary>
    public const int MaxFileBytes = 1024 * 1024;

    /// <summary>Reads a policy file (<c>-</c>: standard input).</summary>
    public static AppraisalPolicy Load(string path) =>
        Parse(BoundedInput.ReadAllText(path, MaxFileBytes, "an appraisal policy (a few KiB of JSON)"), BoundedInput.Describe(path));

    /// <summary>Reads a TCB status as policies write it (Intel's spelling, e.g. <c>TDRelaunchAdvised</c>, or the enum name), case-insensitively.</summary>
    public static bool TryParseTcbStatus(string name, out TcbStatus status) => TcbStatusNames.TryParse(name, out status);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first malformed member (bad hex, wrong length, Revoked accepted).</summary>
    public void Validate() => AppraisalEvaluation.Validate(this);

    /// <summary>Appraises <paramref name="result"/>; a result Intel's verification rejected is never accepted.</summary>
    public AppraisalResult Evaluate(QuoteVerificationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return AppraisalEvaluation.Evaluate(this, result);
    }
}
