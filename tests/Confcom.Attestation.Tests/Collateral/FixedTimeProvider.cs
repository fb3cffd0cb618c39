namespace Confcom.Attestation.Tests.Collateral;

/// <summary>A clock the test sets, so cache expiry is tested without waiting.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
