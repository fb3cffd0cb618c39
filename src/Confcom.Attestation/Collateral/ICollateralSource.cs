namespace Confcom.Attestation.Collateral;

/// <summary>
/// Where verification collateral comes from: a file, Intel PCS / a PCCS over HTTP, a cache in front of either, or
/// the simulation. The seam between online and offline verification.
/// </summary>
public interface ICollateralSource
{
    /// <summary>Throws <see cref="CollateralUnavailableException"/> naming the file or URL when the collateral cannot be had.</summary>
    Task<SourcedCollateral> GetCollateralAsync(CollateralRequest request, CancellationToken cancellationToken = default);
}
