using Confcom.Sgx.Collateral;

namespace Confcom.Attestation.Verification;

/// <summary>
/// What a verification found: Intel's verdict, why (the failed check for terminal verdicts), the TCB facts a relying
/// party applies its policy to, whether the collateral was expired, and the identity of the enclave or TD.
/// </summary>
public sealed record QuoteVerificationResult
{
    public required QuoteVerificationStatus Status { get; init; }

    /// <summary>Intel's name for <see cref="Status"/>, e.g. <c>SGX_QL_QV_RESULT_OK</c>.</summary>
    public string StatusName => Status.IntelName();

    /// <summary>True when the quote may be trusted subject to the relying party's TCB policy (non-terminal status).</summary>
    public bool IsAccepted => !Status.IsTerminal() && FailedCheck is null;

    /// <summary>The check that failed, for terminal verdicts.</summary>
    public VerificationCheck? FailedCheck { get; init; }

    /// <summary>What failed and why, for terminal verdicts.</summary>
    public string? FailureMessage { get; init; }

    public required DateTimeOffset VerifiedAt { get; init; }

    public ushort QuoteVersion { get; init; }

    /// <summary>0 = SGX, 0x81 = TDX.</summary>
    public uint TeeType { get; init; }

    /// <summary>Platform FMSPC from the PCK certificate (hex), when it was read.</summary>
    public string? Fmspc { get; init; }

    public TcbStatus? PlatformTcbStatus { get; init; }

    public TcbStatus? QeTcbStatus { get; init; }

    /// <summary>TDX only: the status of the TDX module level.</summary>
    public TcbStatus? TdxModuleTcbStatus { get; init; }

    /// <summary>Intel security advisories of the selected platform, QE (and TDX module) levels.</summary>
    public IReadOnlyList<string> AdvisoryIds { get; init; } = [];

    /// <summary>tcbDate of the selected platform TCB level.</summary>
    public DateTimeOffset? TcbDate { get; init; }

    public int? TcbEvaluationDataNumber { get; init; }

    /// <summary>QvE's collateral expiration flag: some collateral was outside its validity at <see cref="VerifiedAt"/>.</summary>
    public bool CollateralExpired => ExpiredCollateral.Count > 0;

    /// <summary>The items behind <see cref="CollateralExpired"/>.</summary>
    public IReadOnlyList<CollateralExpiry> ExpiredCollateral { get; init; } = [];

    /// <summary>The earliest expiry among all collateral (CRLs, chains, TCB Info, QE Identity), when known.</summary>
    public DateTimeOffset? EarliestCollateralExpiry { get; init; }

    /// <summary>SGX quotes: the enclave's identity.</summary>
    public VerifiedEnclave? Enclave { get; init; }

    /// <summary>TDX quotes: the TD's measurements.</summary>
    public VerifiedTd? Td { get; init; }
}
