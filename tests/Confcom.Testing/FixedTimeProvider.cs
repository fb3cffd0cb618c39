namespace Confcom.Testing;

/// <summary>A clock stopped at a chosen instant, so issue dates and expiry are reproducible.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
