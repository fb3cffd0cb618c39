namespace Confcom.Attestation.Verification;

/// <summary>Stops a verification at the failing check; <see cref="QuoteVerifier"/> turns it into a result.</summary>
internal sealed class VerificationFailure : Exception
{
    public VerificationFailure(VerificationCheck check, QuoteVerificationStatus status, string message)
        : base(message)
    {
        Check = check;
        Status = status;
    }

    public VerificationCheck Check { get; }

    public QuoteVerificationStatus Status { get; }

    public static VerificationFailure Unspecified(VerificationCheck check, string message) =>
        new(check, QuoteVerificationStatus.Unspecified, message);
}
