using Confcom.Attestation.Verification.Pki;
using Confcom.Sgx.Collateral;

namespace Confcom.Attestation.Verification.Cache;

/// <summary>
/// A collateral bundle after every check that does not involve a quote: issuer chains to the trust anchor, the Root
/// CA CRL, TCB Info and QE Identity signatures over their exact text, parsing. A failed part is kept as its failure
/// so the verifier can report it at the step where Intel's QvE would.
/// </summary>
internal sealed class VerifiedCollateral
{
    public required ValidityWindow Window { get; init; }

    public required IReadOnlyList<CollateralExpiry> Validity { get; init; }

    /// <summary>The earliest issue time of TCB Info, QE Identity and the two CRLs (the collateral's age).</summary>
    public DateTimeOffset? OldestIssue { get; init; }

    /// <summary>The Root CA CRL, verified against the anchored root; null when <see cref="RootCaCrlFailure"/> is set.</summary>
    public CertificateRevocationList? RootCaCrl { get; init; }

    public VerificationFailure? RootCaCrlFailure { get; init; }

    /// <summary>The PCK CRL, parsed; its signature is checked against the PCK chain's intermediate per quote chain.</summary>
    public CertificateRevocationList? PckCrl { get; init; }

    public VerificationFailure? PckCrlFailure { get; init; }

    public TcbInfo? TcbInfo { get; init; }

    /// <summary><see cref="TcbInfo"/>'s levels in QVL's descending order.</summary>
    public IReadOnlyList<TcbLevel> TcbLevelsDescending { get; init; } = [];

    public VerificationFailure? TcbInfoFailure { get; init; }

    public QeIdentity? QeIdentity { get; init; }

    public VerificationFailure? QeIdentityFailure { get; init; }
}
