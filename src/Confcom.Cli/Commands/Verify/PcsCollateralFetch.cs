using Confcom.Attestation.Collateral;
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

    public static async Task<SourcedCollateral> FetchAsync(CollateralRequest request, string pcs, string? apiKey, CancellationToken ct)
    {
        var baseAddress = ParseUrl(pcs);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var source = new PcsCollateralSource(http, new PcsCollateralSourceOptions { BaseAddress = baseAddress, ApiKey = apiKey });
        try
        {
            return await source.GetCollateralAsync(request, ct).ConfigureAwait(false);
        }
        catch (CollateralUnavailableException ex)
        {
            throw new CliException(ex.Message, 1);
        }
    }

    private static Uri ParseUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
            ? url
            : throw new CliException($"--pcs {text}: expected an http(s) URL such as https://api.trustedservices.intel.com or https://pccs:8081", 1);
}
