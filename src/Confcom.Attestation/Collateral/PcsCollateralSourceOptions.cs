namespace Confcom.Attestation.Collateral;

/// <summary>Where Intel PCS or a PCCS lives and how to talk to it.</summary>
public sealed record PcsCollateralSourceOptions
{
    /// <summary>Intel's production PCS.</summary>
    public static readonly Uri IntelPcs = new("https://api.trustedservices.intel.com/");

    /// <summary>The Intel SGX Root CA's CRL distribution point (Intel PCS has no <c>rootcacrl</c> endpoint).</summary>
    public static readonly Uri IntelRootCaCrl = new("https://certificates.trustedservices.intel.com/IntelSGXRootCA.der");

    /// <summary>Base URL (scheme, host, port, optional prefix). A URL ending in <c>/sgx/certification/v4</c> is accepted too.</summary>
    public Uri BaseAddress { get; init; } = IntelPcs;

    /// <summary>
    /// Optional Intel PCS subscription key (header <c>Ocp-Apim-Subscription-Key</c>). It is sent only to the origin of
    /// <see cref="BaseAddress"/>, never after a redirect to another origin.
    /// </summary>
    public string? ApiKey { get; init; }

    /// <summary>
    /// Where to get the Root CA CRL instead of the server's <c>rootcacrl</c> endpoint. Null: the server's endpoint,
    /// or for Intel PCS (which has none) <see cref="IntelRootCaCrl"/>, Intel's documented location. A PCCS without
    /// <c>rootcacrl</c> fails the fetch, naming it: it is never quietly answered from Intel's public site, which an
    /// air-gapped node could not reach anyway.
    /// </summary>
    public Uri? RootCaCrlUrl { get; init; }

    /// <summary>TCB Info / QE Identity update channel (<c>standard</c> or <c>early</c>); null omits the parameter.</summary>
    public string? Update { get; init; }

    /// <summary>
    /// Largest response body accepted, counted while reading (a server streaming an endless body is cut off here,
    /// before memory grows). Real PCS responses are at most a few hundred KiB.
    /// </summary>
    public int MaxResponseBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>How often a 429 or 503 answer with <c>Retry-After</c> is retried before the fetch fails.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>Longest <c>Retry-After</c> honoured; a server asking for more fails the fetch at once, saying so.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How many redirects (to the same or another origin) are followed.</summary>
    public int MaxRedirects { get; init; } = 5;

    /// <summary>Told about every HTTP exchange as it completes (the CLI prints a progress line per request).</summary>
    public IProgress<PcsExchange>? Progress { get; init; }
}
