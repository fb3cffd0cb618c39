using Confcom.Attestation.Appraisal;

namespace Confcom.Attestation.Verification;

/// <summary>Which root to trust and how to appraise Intel's verdict.</summary>
public sealed record QuoteVerifierOptions
{
    /// <summary>The trust anchor; defaults to the real Intel SGX Root CA key.</summary>
    public TrustAnchor TrustAnchor { get; init; } = TrustAnchor.IntelSgxRootCa;

    /// <summary>
    /// The relying party's policy applied to every result (<see cref="QuoteVerificationResult.Appraisal"/>): by
    /// default no debug enclave, no expired or not-yet-valid collateral, and the TCB statuses of
    /// <see cref="AppraisalPolicy.DefaultAcceptedTcbStatuses"/>. Intel's <see cref="QuoteVerificationResult.Status"/>
    /// does not depend on it.
    /// </summary>
    public AppraisalPolicy Policy { get; init; } = AppraisalPolicy.Default;
}
