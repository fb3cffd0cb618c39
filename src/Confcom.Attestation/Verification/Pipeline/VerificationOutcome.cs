using Confcom.Attestation.Verification.Cache;
using Confcom.Attestation.Verification.Steps;
using Confcom.Sgx.Collateral;
using Confcom.Sgx.Quotes;

namespace Confcom.Attestation.Verification.Pipeline;

/// <summary>What the pipeline learned on the way, up to the failure if there was one.</summary>
internal sealed class VerificationOutcome
{
    public VerificationFailure? Failure { get; private set; }

    public string? Fmspc { get; set; }

    public VerifiedCollateral? Collateral { get; set; }

    public VerifiedPckChain? Chain { get; set; }

    public EnclaveTcbLevel? QeLevel { get; set; }

    public TcbEvaluation? Tcb { get; set; }

    public VerificationOutcome Fail(VerificationFailure failure)
    {
        Failure = failure;
        return this;
    }
}
