using Confcom.Attestation.Collateral;
using Confcom.Cli.Options;
using Confcom.Sgx.Quotes;

namespace Confcom.Cli.Commands.Verify;

/// <summary>
/// Gets the collateral a quote needs from Intel PCS or a PCCS (<c>--pcs URL</c>), for <c>confcom verify</c> and
/// <c>confcom collateral fetch</c>; failures become one-line CLI errors naming the URL and what went wrong.
/// </summary>
internal static class PcsCollateralFetch
{
    /// <summary>Which collateral the quote needs (FMSPC, PCK CA type, TEE), read from its PCK certificate.</summary>
    public static CollateralRequest RequestFor(Quote quote)
    {
        try
        {
            return CollateralRequest.ForQuote(quote);
        }
        catch (FormatException ex)
        {
            throw new CliException($"cannot tell which collateral the quote needs: {ex.Message}", 1);
        }
    }

    public static async Task<SourcedCollateral> FetchAsync(CollateralRequest request, PcsFetchSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        // --timeout bounds the whole fetch (parallel requests, retries, bodies), not each request.
        using var http = PcsCollateralSource.CreateHttpClient(System.Threading.Timeout.InfiniteTimeSpan);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.Timeout);
        var source = new PcsCollateralSource(http, new PcsCollateralSourceOptions
        {
            BaseAddress = settings.Url,
            ApiKey = settings.ApiKey,
            RootCaCrlUrl = settings.RootCaCrlUrl,
            Progress = settings.Progress is { } progress ? new PcsProgressLines(progress) : null,
        });
        try
        {
            return await source.GetCollateralAsync(request, deadline.Token).ConfigureAwait(false);
        }
        catch (CollateralUnavailableException ex)
        {
            throw new CliException(ex.Message, 1);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new CliException(
                $"--pcs {settings.Url}: no complete answer within --timeout {Duration.Format(settings.Timeout)}; check the URL and proxy settings (HTTPS_PROXY), or allow longer with --timeout", 1);
        }
    }
}
