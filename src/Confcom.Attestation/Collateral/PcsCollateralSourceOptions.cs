namespace Confcom.Attestation.Collateral;

/// <summary>Where Intel PCS or a PCCS lives and how to talk to it.</summary>
public sealed record PcsCollateralSourceOptions
{
    /// <summary>Intel's production PCS.</summary>
    public static readonly Uri IntelPcs = new("https://api.trustedservices.intel.com/");

    /// <summary>Base URL (scheme, host, port, optional prefix). A URL ending in <c>/sgx/certification/v4</c> is accepted too.</summary>
    public Uri BaseAddress { get; init; } = IntelPcs;

    /// <summary>Optional Intel PCS subscription key (header <c>Ocp-Apim-Subscription-Key</c>).</summary>
    public string? ApiKey { get; init; }

    /// <summary>Where the Root CA CRL comes from when the server has no <c>rootcacrl</c> endpoint (Intel PCS has none).</summary>
    public Uri RootCaCrlFallback { get; init; } = new("https://certificates.trustedservices.intel.com/IntelSGXRootCA.der");

    /// <summary>TCB Info / QE Identity update channel (<c>standard</c> or <c>early</c>); null omits the parameter.</summary>
    public string? Update { get; init; }
}
