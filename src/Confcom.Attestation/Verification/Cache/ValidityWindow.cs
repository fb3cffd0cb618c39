namespace Confcom.Attestation.Verification.Cache;

/// <summary>
/// The stretch of time around a verification instant in which no dated item changes state (becomes valid or
/// expires): a verification result computed anywhere inside it holds for every instant inside it.
/// </summary>
internal readonly record struct ValidityWindow(DateTimeOffset From, DateTimeOffset To)
{
    public bool Contains(DateTimeOffset at) => at >= From && at < To;

    public static ValidityWindow Around(IEnumerable<CollateralExpiry> items, DateTimeOffset at)
    {
        var from = DateTimeOffset.MinValue;
        var to = DateTimeOffset.MaxValue;
        foreach (var item in items)
        {
            foreach (var boundary in (ReadOnlySpan<DateTimeOffset>)[item.NotBefore, item.NotAfter])
            {
                if (boundary <= at && boundary > from)
                {
                    from = boundary;
                }
                else if (boundary > at && boundary < to)
                {
                    to = boundary;
                }
            }
        }
        return new ValidityWindow(from, to);
    }
}
