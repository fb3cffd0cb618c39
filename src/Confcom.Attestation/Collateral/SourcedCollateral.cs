using Confcom.Sgx.Collateral;

namespace Confcom.Attestation.Collateral;

/// <summary>A collateral bundle and where it came from.</summary>
/// <param name="Collateral">The bundle.</param>
/// <param name="Origin">A file path or URL, for messages.</param>
/// <param name="IsStale">True when a cache served an expired entry because the refresh failed.</param>
public sealed record SourcedCollateral(QuoteCollateral Collateral, string Origin, bool IsStale = false);
