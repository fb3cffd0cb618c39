namespace Confcom.Attestation.Verification;

/// <summary>A step's answer: the value it produced, or the failure that stopped it.</summary>
internal readonly record struct Checked<T>(T? Value, VerificationFailure? Failure)
    where T : class
{
    public static implicit operator Checked<T>(T value) => new(value, null);

    public static implicit operator Checked<T>(VerificationFailure failure) => new(null, failure);
}
