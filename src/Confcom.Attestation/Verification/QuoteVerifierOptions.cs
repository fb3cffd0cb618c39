namespace Confcom.Attestation.Verification;

/// <summary>How strictly to verify and which root to trust.</summary>
public sealed record QuoteVerifierOptions
{
    /// <summary>The trust anchor; defaults to the real Intel SGX Root CA key.</summary>
    public TrustAnchor TrustAnchor { get; init; } = TrustAnchor.IntelSgxRootCa;

    /// <summary>Accept debug enclaves/TDs (reported either way). Never for production.</summary>
    public bool AllowDebug { get; init; }

    /// <summary>Fail when any collateral is expired, naming it (QvE only flags expiry).</summary>
    public bool Strict { get; init; }
}
