using System.Diagnostics;
using System.Net;
using System.Runtime.ExceptionServices;
using Confcom.Sgx.Collateral;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Confcom.Attestation.Collateral;

/// <summary>
/// Collateral from Intel PCS v4 or a PCCS (same paths, spec §5.5): PCK CRL, TCB Info, QE Identity with their
/// issuer chains from the response headers (URL-encoded PEM), and the Root CA CRL (PCCS <c>rootcacrl</c>; for Intel
/// PCS, the root's distribution point; otherwise only from <see cref="PcsCollateralSourceOptions.RootCaCrlUrl"/>).
/// TCB Info and QE Identity keep the exact served text of the signed object. The four requests are independent and
/// go out together. Every body is capped while it is read; 429/503 answers are retried after their
/// <c>Retry-After</c> (bounded); redirects are followed here, not by the handler, so the API key never leaves the
/// configured origin.
/// </summary>
public sealed partial class PcsCollateralSource : ICollateralSource
{
    private const string ApiKeyHeader = "Ocp-Apim-Subscription-Key";

    private readonly HttpClient _http;
    private readonly PcsCollateralSourceOptions _options;
    private readonly ILogger _logger;
    private readonly Uri _base;

    /// <param name="http">
    /// The client to send with. With an API key it must not follow redirects itself (its handler would forward the
    /// key to whatever origin a redirect names): use <see cref="CreateHttpClient"/> or a handler with
    /// <c>AllowAutoRedirect = false</c>; a client that followed a redirect across origins is detected and refused.
    /// </param>
    public PcsCollateralSource(HttpClient http, PcsCollateralSourceOptions? options = null, ILogger<PcsCollateralSource>? logger = null)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _options = options ?? new PcsCollateralSourceOptions();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _base = NormalizeBase(_options.BaseAddress);
    }

    /// <summary>The server root the v4 paths are appended to.</summary>
    public Uri BaseAddress => _base;

    /// <summary>An <see cref="HttpClient"/> suited to this source: redirects are left to the source (see the constructor).</summary>
    public static HttpClient CreateHttpClient(TimeSpan? timeout = null) =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.All })
        {
            Timeout = timeout ?? TimeSpan.FromSeconds(30),
        };

    /// <inheritdoc/>
    public async Task<SourcedCollateral> GetCollateralAsync(CollateralRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var update = _options.Update is null ? "" : "&update=" + Uri.EscapeDataString(_options.Update);

        // One failure fails the fetch: the others are cancelled rather than left to run into their timeouts.
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Exception? firstFailure = null;
        async Task<PcsResponse> Guarded(Func<CancellationToken, Task<PcsResponse>> fetch)
        {
            try
            {
                return await fetch(abandon.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !abandon.IsCancellationRequested)
            {
                Interlocked.CompareExchange(ref firstFailure, ex, null);
                await abandon.CancelAsync().ConfigureAwait(false);
                throw;
            }
        }

        var pckCrl = Guarded(t => GetAsync($"{PcsApi.SgxPrefix}/{PcsApi.PckCrlPath}?ca={request.CaQuery}&encoding=der", PcsApi.PckCrlIssuerChainHeader, null, t));
        var tcb = Guarded(t => GetAsync($"{request.PcsPrefix}/{PcsApi.TcbInfoPath}?fmspc={request.Fmspc}{update}", PcsApi.TcbInfoIssuerChainHeader, PcsApi.TcbInfoIssuerChainHeaderV3, t));
        var identity = Guarded(t => GetAsync($"{request.PcsPrefix}/{PcsApi.QeIdentityPath}{(update.Length > 0 ? "?" + update[1..] : "")}", PcsApi.EnclaveIdentityIssuerChainHeader, null, t));
        var rootCrl = Guarded(GetRootCaCrlAsync);
        try
        {
            await Task.WhenAll(pckCrl, tcb, identity, rootCrl).ConfigureAwait(false);
        }
        catch (Exception) when (firstFailure is not null)
        {
            // The first real failure, not the cancellations it caused in the other requests.
            ExceptionDispatchInfo.Throw(firstFailure);
        }

        var (tcbText, tcbSignature) = Split(tcb.Result, PcsApi.TcbInfoProperty);
        var (identityText, identitySignature) = Split(identity.Result, PcsApi.EnclaveIdentityProperty);
        var collateral = new QuoteCollateral
        {
            PckCrlIssuerChain = pckCrl.Result.IssuerChain!,
            PckCrl = ToDer(pckCrl.Result),
            RootCaCrl = ToDer(rootCrl.Result),
            TcbInfoIssuerChain = tcb.Result.IssuerChain!,
            TcbInfo = tcbText,
            TcbInfoSignature = tcbSignature,
            QeIdentityIssuerChain = identity.Result.IssuerChain!,
            QeIdentity = identityText,
            QeIdentitySignature = identitySignature,
        };
        LogFetched(_logger, request.ToString(), _base);
        return new SourcedCollateral(collateral, _base.ToString());
    }

    private async Task<PcsResponse> GetRootCaCrlAsync(CancellationToken cancellationToken)
    {
        // Named explicitly, or Intel PCS (which has no rootcacrl endpoint; the CRL sits at the root's distribution point).
        var direct = _options.RootCaCrlUrl ?? (IsIntelPcs(_base) ? PcsCollateralSourceOptions.IntelRootCaCrl : null);
        if (direct is not null)
        {
            return await ExchangeAsync(direct, null, null, cancellationToken).ConfigureAwait(false)
                ?? throw Failure(direct, HttpStatusCode.NotFound);
        }
        var pccs = new Uri(_base, $"{PcsApi.SgxPrefix}/{PcsApi.RootCaCrlPath}");
        return await ExchangeAsync(pccs, null, null, cancellationToken).ConfigureAwait(false)
            ?? throw new CollateralUnavailableException(
                $"{pccs}: HTTP 404: this server has no rootcacrl endpoint, so it cannot give the Root CA CRL; upgrade the PCCS, " +
                $"or name where to get the CRL (confcom: --root-ca-crl-url URL, e.g. Intel's {PcsCollateralSourceOptions.IntelRootCaCrl} " +
                "where the node may reach it)");
    }

    private async Task<PcsResponse> GetAsync(string relative, string chainHeader, string? legacyChainHeader, CancellationToken cancellationToken)
    {
        var url = new Uri(_base, relative);
        return await ExchangeAsync(url, chainHeader, legacyChainHeader, cancellationToken).ConfigureAwait(false)
            ?? throw Failure(url, HttpStatusCode.NotFound);
    }

    /// <summary>One item: follows redirects, retries after Retry-After, reads the capped body; null for HTTP 404.</summary>
    private async Task<PcsResponse?> ExchangeAsync(Uri url, string? chainHeader, string? legacyChainHeader, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var started = Stopwatch.GetTimestamp();
            var (response, answered) = await SendFollowingRedirectsAsync(url, cancellationToken).ConfigureAwait(false);
            using (response)
            {
                var status = response.StatusCode;
                if (status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable && RetryAfter(response) is { } delay)
                {
                    if (delay > _options.MaxRetryAfter)
                    {
                        throw new CollateralUnavailableException(
                            $"{answered}: HTTP {(int)status} {status}; the server asks to retry after {delay.TotalSeconds:0} s, longer than the " +
                            $"{_options.MaxRetryAfter.TotalSeconds:0} s waited at most: retry later");
                    }
                    if (attempt < _options.MaxRetries)
                    {
                        _options.Progress?.Report(new PcsExchange(answered, (int)status, null, Stopwatch.GetElapsedTime(started), delay));
                        LogRetrying(_logger, answered, (int)status, delay.TotalSeconds);
                        await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                        continue;
                    }
                }
                if (!response.IsSuccessStatusCode)
                {
                    _options.Progress?.Report(new PcsExchange(answered, (int)status, null, Stopwatch.GetElapsedTime(started), null));
                    if (status == HttpStatusCode.NotFound)
                    {
                        return null;
                    }
                    throw Failure(answered, status, attempt);
                }
                string? chain = null;
                if (chainHeader is not null)
                {
                    chain = Header(response, chainHeader) ?? (legacyChainHeader is null ? null : Header(response, legacyChainHeader))
                        ?? throw new CollateralUnavailableException($"{answered}: the response has no {chainHeader} header; is {_base} a PCS v4 / PCCS server?");
                }
                var body = await ReadBodyAsync(response, answered, cancellationToken).ConfigureAwait(false);
                _options.Progress?.Report(new PcsExchange(answered, (int)status, body.Length, Stopwatch.GetElapsedTime(started), null));
                return new PcsResponse(answered, body, chain is null ? null : Uri.UnescapeDataString(chain));
            }
        }
    }

    private async Task<(HttpResponseMessage Response, Uri Url)> SendFollowingRedirectsAsync(Uri url, CancellationToken cancellationToken)
    {
        for (var redirects = 0; ; redirects++)
        {
            var response = await SendAsync(url, cancellationToken).ConfigureAwait(false);
            var keySent = _options.ApiKey is not null && SameOrigin(url, _base);
            if (keySent && response.RequestMessage?.RequestUri is { } sent && !SameOrigin(sent, url))
            {
                response.Dispose();
                LogKeyForwarded(_logger, url, sent);
                throw new CollateralUnavailableException(
                    $"{url}: the HttpClient followed a redirect to {sent.GetLeftPart(UriPartial.Authority)} and sent it the API key; " +
                    "give PcsCollateralSource a client that does not follow redirects (PcsCollateralSource.CreateHttpClient)");
            }
            if (!IsRedirect(response.StatusCode))
            {
                return (response, url);
            }
            var location = response.Headers.Location;
            response.Dispose();
            if (location is null)
            {
                throw new CollateralUnavailableException($"{url}: HTTP redirect without a Location header; check --pcs");
            }
            if (redirects >= _options.MaxRedirects)
            {
                throw new CollateralUnavailableException($"{url}: more than {_options.MaxRedirects} redirects; check --pcs");
            }
            var next = location.IsAbsoluteUri ? location : new Uri(url, location);
            if (next.Scheme != Uri.UriSchemeHttps && next.Scheme != Uri.UriSchemeHttp)
            {
                throw new CollateralUnavailableException($"{url}: redirected to {next}, which is not http(s)");
            }
            url = next;
        }
    }

    private async Task<HttpResponseMessage> SendAsync(Uri url, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        // Only the configured server gets the key: a redirect to another origin (a CDN, a hostile mirror) never does.
        if (_options.ApiKey is not null && SameOrigin(url, _base))
        {
            request.Headers.Add(ApiKeyHeader, _options.ApiKey);
        }
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
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

    /// <summary>The body, refused as soon as it passes the limit: neither a declared nor an endless chunked body is buffered beyond it.</summary>
    private async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, Uri url, CancellationToken cancellationToken)
    {
        var limit = _options.MaxResponseBytes;
        if (response.Content.Headers.ContentLength is long declared && declared > limit)
        {
            throw TooLarge(url, limit);
        }
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var body = new MemoryStream();
            var chunk = new byte[Math.Min(81920, limit + 1)];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (body.Length + read > limit)
                {
                    throw TooLarge(url, limit);
                }
                body.Write(chunk, 0, read);
            }
            return body.ToArray();
        }
        catch (IOException ex)
        {
            throw new CollateralUnavailableException($"{url}: the connection broke while reading the response ({ex.Message}); retry", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CollateralUnavailableException($"{url}: timed out while reading the response", ex);
        }
    }

    private CollateralUnavailableException TooLarge(Uri url, int limit)
    {
        LogTooLarge(_logger, url, limit);
        return new CollateralUnavailableException(
            $"{url}: the response is larger than {limit:N0} bytes, far more than any PCS collateral; is --pcs a PCS v4 / PCCS server?");
    }

    private CollateralUnavailableException Failure(Uri url, HttpStatusCode status, int retries = 0)
    {
        LogHttpFailure(_logger, url, (int)status);
        var advice = status switch
        {
            HttpStatusCode.NotFound => "the server does not know this item (FMSPC not registered with Intel, or not cached by the PCCS)",
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => "the server refused the request: check the API key",
            HttpStatusCode.TooManyRequests => "the server is rate-limiting this client: retry later",
            HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout =>
                "the server or its upstream (Intel PCS) is unavailable: retry later or check the PCCS's connection to Intel",
            _ => "check --pcs (a PCS v4 / PCCS base URL) and any proxy in between",
        };
        var retried = retries > 0 ? $" after {retries} retries" : "";
        return new CollateralUnavailableException($"{url}: HTTP {(int)status} {status}{retried}; {advice}");
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;

    private static bool IsIntelPcs(Uri server) =>
        string.Equals(server.IdnHost, PcsCollateralSourceOptions.IntelPcs.IdnHost, StringComparison.OrdinalIgnoreCase);

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
