using System.Net;
using Confcom.Sgx.Collateral;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Confcom.Attestation.Collateral;

/// <summary>
/// Collateral from Intel PCS v4 or a PCCS (same paths, spec §5.5): PCK CRL, TCB Info, QE Identity with their
/// issuer chains from the response headers (URL-encoded PEM), and the Root CA CRL (PCCS <c>rootcacrl</c>, else the
/// root's distribution point). TCB Info and QE Identity keep the exact served text of the signed object.
/// </summary>
public sealed partial class PcsCollateralSource : ICollateralSource
{
    private readonly HttpClient _http;
    private readonly PcsCollateralSourceOptions _options;
    private readonly ILogger _logger;
    private readonly Uri _base;

    public PcsCollateralSource(HttpClient http, PcsCollateralSourceOptions? options = null, ILogger<PcsCollateralSource>? logger = null)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _options = options ?? new PcsCollateralSourceOptions();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _base = NormalizeBase(_options.BaseAddress);
    }

    /// <summary>The server root the v4 paths are appended to.</summary>
    public Uri BaseAddress => _base;

    public async Task<SourcedCollateral> GetCollateralAsync(CollateralRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var update = _options.Update is null ? "" : "&update=" + Uri.EscapeDataString(_options.Update);

        var pckCrl = await GetAsync($"{PcsApi.SgxPrefix}/{PcsApi.PckCrlPath}?ca={request.CaQuery}&encoding=der", PcsApi.PckCrlIssuerChainHeader, null, cancellationToken).ConfigureAwait(false);
        var tcb = await GetAsync($"{request.PcsPrefix}/{PcsApi.TcbInfoPath}?fmspc={request.Fmspc}{update}", PcsApi.TcbInfoIssuerChainHeader, PcsApi.TcbInfoIssuerChainHeaderV3, cancellationToken).ConfigureAwait(false);
        var identity = await GetAsync($"{request.PcsPrefix}/{PcsApi.QeIdentityPath}{(update.Length > 0 ? "?" + update[1..] : "")}", PcsApi.EnclaveIdentityIssuerChainHeader, null, cancellationToken).ConfigureAwait(false);
        var rootCrl = await GetRootCaCrlAsync(cancellationToken).ConfigureAwait(false);

        var (tcbText, tcbSignature) = Split(tcb, PcsApi.TcbInfoProperty);
        var (identityText, identitySignature) = Split(identity, PcsApi.EnclaveIdentityProperty);
        var collateral = new QuoteCollateral
        {
            PckCrlIssuerChain = pckCrl.IssuerChain!,
            PckCrl = ToDer(pckCrl),
            RootCaCrl = ToDer(rootCrl),
            TcbInfoIssuerChain = tcb.IssuerChain!,
            TcbInfo = tcbText,
            TcbInfoSignature = tcbSignature,
            QeIdentityIssuerChain = identity.IssuerChain!,
            QeIdentity = identityText,
            QeIdentitySignature = identitySignature,
        };
        LogFetched(_logger, request.ToString(), _base);
        return new SourcedCollateral(collateral, _base.ToString());
    }

    private async Task<PcsResponse> GetRootCaCrlAsync(CancellationToken cancellationToken)
    {
        var pccs = new Uri(_base, $"{PcsApi.SgxPrefix}/{PcsApi.RootCaCrlPath}");
        using (var response = await SendAsync(pccs, cancellationToken).ConfigureAwait(false))
        {
            if (response.IsSuccessStatusCode)
            {
                return new PcsResponse(pccs, await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false), null);
            }
            if (response.StatusCode != HttpStatusCode.NotFound)
            {
                throw Failure(pccs, response.StatusCode);
            }
        }
        // Intel PCS has no rootcacrl endpoint: the Root CA CRL is at the root certificate's distribution point.
        var fallback = _options.RootCaCrlFallback;
        using var direct = await SendAsync(fallback, cancellationToken).ConfigureAwait(false);
        if (!direct.IsSuccessStatusCode)
        {
            throw Failure(fallback, direct.StatusCode);
        }
        return new PcsResponse(fallback, await direct.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false), null);
    }

    private async Task<PcsResponse> GetAsync(string relative, string chainHeader, string? legacyChainHeader, CancellationToken cancellationToken)
    {
        var url = new Uri(_base, relative);
        using var response = await SendAsync(url, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw Failure(url, response.StatusCode);
        }
        var chain = Header(response, chainHeader) ?? (legacyChainHeader is null ? null : Header(response, legacyChainHeader))
            ?? throw new CollateralUnavailableException($"{url}: the response has no {chainHeader} header; is {_base} a PCS v4 / PCCS server?");
        return new PcsResponse(url, await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false), Uri.UnescapeDataString(chain));
    }

    private async Task<HttpResponseMessage> SendAsync(Uri url, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (_options.ApiKey is not null)
        {
            request.Headers.Add("Ocp-Apim-Subscription-Key", _options.ApiKey);
        }
        try
        {
            return await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            LogUnreachable(_logger, url, ex.Message);
            throw new CollateralUnavailableException(
                $"{url}: request failed ({ex.Message}); check --pcs, DNS and proxy settings (HTTPS_PROXY), and that the server is up", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(_logger, url, "timed out");
            throw new CollateralUnavailableException($"{url}: timed out; check --pcs and proxy settings", ex);
        }
    }

    private CollateralUnavailableException Failure(Uri url, HttpStatusCode status)
    {
        LogHttpFailure(_logger, url, (int)status);
        var advice = status switch
        {
            HttpStatusCode.NotFound => "the server does not know this item (FMSPC not registered with Intel, or not cached by the PCCS)",
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => "the server refused the request: check the API key",
            HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout =>
                "the server or its upstream (Intel PCS) is unavailable: retry later or check the PCCS's connection to Intel",
            _ => "check --pcs (a PCS v4 / PCCS base URL) and any proxy in between",
        };
        return new CollateralUnavailableException($"{url}: HTTP {(int)status} {status}; {advice}");
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static (string, byte[]) Split(PcsResponse response, string property)
    {
        try
        {
            return SignedJsonBody.Split(response.Body, property, response.Url.ToString());
        }
        catch (FormatException ex)
        {
            throw new CollateralUnavailableException(ex.Message, ex);
        }
    }

    private static byte[] ToDer(PcsResponse response)
    {
        try
        {
            return CrlEncoding.ToDer(response.Body, response.Url.ToString());
        }
        catch (FormatException ex)
        {
            throw new CollateralUnavailableException(ex.Message, ex);
        }
    }

    private static Uri NormalizeBase(Uri address)
    {
        var text = address.ToString();
        foreach (var marker in new[] { "/sgx/certification/", "/tdx/certification/" })
        {
            var at = text.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
            if (at >= 0)
            {
                text = text[..at];
            }
        }
        return new Uri(text.EndsWith('/') ? text : text + "/");
    }

    private sealed record PcsResponse(Uri Url, byte[] Body, string? IssuerChain);
}
