using System.Security.Cryptography;
using Confcom.Attestation.Verification.Tcb;

namespace Confcom.Attestation.Verification.Cache;

/// <summary>
/// A quote's PCK chain checked against one collateral bundle (QvE step 1 and QVL 4.c): verified to the anchor,
/// intermediate not revoked by the Root CA CRL, PCK CRL from the PCK's issuer and not listing the PCK; plus what
/// the quote checks need from it (the PCK public key, the platform TCB from the SGX extension).
/// </summary>
internal sealed class VerifiedPckChain
{
    public required ValidityWindow Window { get; init; }

    public required IReadOnlyList<CollateralExpiry> Validity { get; init; }

    /// <summary>Set when the chain or its revocation check failed; nothing else is then set.</summary>
    public VerificationFailure? Failure { get; init; }

    /// <summary>The PCK leaf's key; ECDSA verification on a shared instance is thread-safe.</summary>
    public ECDsa? PckPublicKey { get; init; }

    public PlatformTcb? Platform { get; init; }

    /// <summary>Failure to read the SGX extension, reported at QVL's step 4.b.</summary>
    public VerificationFailure? ExtensionFailure { get; init; }

    private int _expiryReported;

    /// <summary>True once per entry, so expired collateral is logged once per window rather than per quote.</summary>
    public bool FirstExpiryReport() => Interlocked.Exchange(ref _expiryReported, 1) == 0;
}
