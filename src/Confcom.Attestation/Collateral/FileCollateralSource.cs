using Confcom.Sgx.Collateral;

namespace Confcom.Attestation.Collateral;

/// <summary>
/// Collateral from one bundle file (dcap-qvl JSON shape), for offline verification. The file is read on every call,
/// so replacing it takes effect without a restart; a bundle for another FMSPC is returned as is and the verifier
/// reports the mismatch. Writing a bundle is <see cref="QuoteCollateral.Save"/>.
/// </summary>
public sealed class FileCollateralSource(string path) : ICollateralSource
{
    /// <summary>The collateral bundle file (dcap-qvl <c>QuoteCollateralV3</c> JSON).</summary>
    public string Path { get; } = path;

    /// <inheritdoc/>
    public Task<SourcedCollateral> GetCollateralAsync(CollateralRequest request, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return Task.FromResult(new SourcedCollateral(QuoteCollateral.Load(Path), Path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CollateralUnavailableException($"collateral file {Path}: cannot read it ({ex.Message})", ex);
        }
        catch (FormatException ex)
        {
            throw new CollateralUnavailableException(ex.Message, ex);
        }
    }
}
