using Confcom.Aesm.Quoting;
using Confcom.Attestation.Appraisal;
using Confcom.Sgx.Collateral;

namespace Confcom.Attestation.Verification;

/// <summary>
/// What a verification found, in two layers: Intel's verdict exactly as QvE returns it (<see cref="Status"/> and
/// <see cref="Quote3Error"/>, with the TCB facts and collateral expiry), and the relying party's
/// <see cref="Appraisal"/> of it under an <see cref="AppraisalPolicy"/>. <see cref="IsAccepted"/> needs both.
/// </summary>
public sealed record QuoteVerificationResult
{
    /// <summary>
    /// QvE's <c>sgx_ql_qv_result_t</c>. For every terminal failure QvE returns <c>SGX_QL_QV_RESULT_UNSPECIFIED</c>
    /// (it overwrites the QVL-level INVALID_SIGNATURE/REVOKED result whenever its return code is an error), so the
    /// reason is in <see cref="Quote3Error"/> and <see cref="FailedCheck"/>.
    /// </summary>
    public required QuoteVerificationStatus Status { get; init; }

    /// <summary>Intel's name for <see cref="Status"/>, e.g. <c>SGX_QL_QV_RESULT_OK</c>.</summary>
    public string StatusName => Status.IntelName();

    /// <summary>QvE's return code (<c>quote3_error_t</c>): <c>SGX_QL_SUCCESS</c>, or why verification failed, e.g. <c>SGX_QL_PCK_REVOKED</c>.</summary>
    public Quote3Error Quote3Error { get; init; } = Quote3Error.Success;

    /// <summary>Intel's name for <see cref="Quote3Error"/>.</summary>
    public string Quote3ErrorName => Quote3ErrorNames.IntelName(Quote3Error);

    /// <summary>True when Intel's verification completed with a non-terminal status (QvE returned <c>SGX_QL_SUCCESS</c>).</summary>
    public bool IsVerified => Quote3Error == Quote3Error.Success && FailedCheck is null;

    /// <summary>True when Intel's verification passed and the appraisal policy accepted the result.</summary>
    public bool IsAccepted => IsVerified && Appraisal.IsAccepted;

    /// <summary>The relying party's appraisal (the verifier's policy, <see cref="AppraisalPolicy.Default"/> unless set).</summary>
    public AppraisalResult Appraisal { get; init; } = new() { Checks = [] };

    /// <summary>The check that failed, for terminal verdicts.</summary>
    public VerificationCheck? FailedCheck { get; init; }

    /// <summary>What failed and why, for terminal verdicts.</summary>
    public string? FailureMessage { get; init; }

    /// <summary>The verification time the checks used.</summary>
    public required DateTimeOffset VerifiedAt { get; init; }

    /// <summary>The quote version.</summary>
    public ushort QuoteVersion { get; init; }

    /// <summary>0 = SGX, 0x81 = TDX.</summary>
    public uint TeeType { get; init; }

    /// <summary>Platform FMSPC from the PCK certificate (hex), when it was read.</summary>
    public string? Fmspc { get; init; }

    /// <summary>The platform TCB status.</summary>
    public TcbStatus? PlatformTcbStatus { get; init; }

    /// <summary>The QE TCB status.</summary>
    public TcbStatus? QeTcbStatus { get; init; }

    /// <summary>TDX only: the status of the TDX module level.</summary>
    public TcbStatus? TdxModuleTcbStatus { get; init; }

    /// <summary>The converged status behind <see cref="Status"/> (what an appraisal policy lists), for non-terminal results.</summary>
    public TcbStatus? ConvergedTcbStatus { get; init; }

    /// <summary>Intel's advisory IDs: those of the matching TCB Info level only (QvE's supplemental <c>sa_list</c>).</summary>
    public IReadOnlyList<string> AdvisoryIds { get; init; } = [];

    /// <summary>The advisories of the QE Identity level the QE matched (Intel reports none; shown apart for the relying party).</summary>
    public IReadOnlyList<string> QeAdvisoryIds { get; init; } = [];

    /// <summary>TDX: the advisories of the TDX module identity level (not in Intel's list either).</summary>
    public IReadOnlyList<string> TdxModuleAdvisoryIds { get; init; } = [];

    /// <summary>TcbDate of the selected platform TCB level.</summary>
    public DateTimeOffset? TcbDate { get; init; }

    /// <summary>The TCB Info's tcbEvaluationDataNumber.</summary>
    public int? TcbEvaluationDataNumber { get; init; }

    /// <summary>The QE Identity's tcbEvaluationDataNumber.</summary>
    public int? QeTcbEvaluationDataNumber { get; init; }

    /// <summary>QvE's <c>collateral_expiration_status</c>: some collateral ends its validity at or before <see cref="VerifiedAt"/>.</summary>
    public bool CollateralExpired => ExpiredCollateral.Count > 0;

    /// <summary>The items behind <see cref="CollateralExpired"/>.</summary>
    public IReadOnlyList<CollateralExpiry> ExpiredCollateral { get; init; } = [];

    /// <summary>Items whose validity starts after <see cref="VerifiedAt"/> (a wrong clock or <c>--at</c>); QvE's flag does not cover them.</summary>
    public IReadOnlyList<CollateralExpiry> NotYetValidCollateral { get; init; } = [];

    /// <summary>The earliest expiry among all collateral (CRLs, chains, TCB Info, QE Identity), when known.</summary>
    public DateTimeOffset? EarliestCollateralExpiry { get; init; }

    /// <summary>The earliest issue time of TCB Info, QE Identity and both CRLs: how old the collateral is.</summary>
    public DateTimeOffset? OldestCollateralIssue { get; init; }

    /// <summary>Things a relying party should know that do not change the verdict (bytes after the quote, ...).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>SGX quotes: the enclave's identity.</summary>
    public VerifiedEnclave? Enclave { get; init; }

    /// <summary>TDX quotes: the TD's measurements.</summary>
    public VerifiedTd? Td { get; init; }
}
