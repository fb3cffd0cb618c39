namespace Confcom.Attestation.Collateral;

/// <summary>One completed HTTP exchange with the PCS/PCCS, for progress reports.</summary>
/// <param name="Url">The URL asked (after redirects).</param>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="Bytes">Body bytes read, when the body was read.</param>
/// <param name="Elapsed">From sending the request to the end of the body.</param>
/// <param name="RetryAfter">When the answer is retried: after how long.</param>
public sealed record PcsExchange(Uri Url, int StatusCode, long? Bytes, TimeSpan Elapsed, TimeSpan? RetryAfter);
