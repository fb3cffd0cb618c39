using Confcom.Attestation.Verification;

namespace Confcom.Cli.Commands.Demo;

/// <summary>What the demo's workload produced and what the verifier said about it.</summary>
internal sealed record DemoOutcome(string QuotePath, QuoteVerificationResult Verification, bool ReportDataMatches, bool MrEnclaveMatches)
{
    /// <summary>The demo succeeds only when the verifier accepts the quote and it carries the app's identity and data.</summary>
    public bool Verified => Verification.IsAccepted && ReportDataMatches && MrEnclaveMatches;
}
