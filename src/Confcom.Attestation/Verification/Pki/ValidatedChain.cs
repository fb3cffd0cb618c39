using System.Security.Cryptography.X509Certificates;

namespace Confcom.Attestation.Verification.Pki;

/// <summary>A chain that builds to the trust anchor (leaf first, root last), with the validity window of every certificate.</summary>
internal sealed class ValidatedChain(IReadOnlyList<X509Certificate2> certificates, IReadOnlyList<CollateralExpiry> validity)
{
    public IReadOnlyList<X509Certificate2> Certificates { get; } = certificates;

    public X509Certificate2 Leaf => Certificates[0];

    public X509Certificate2 Root => Certificates[^1];

    /// <summary>Issuer of the leaf (the intermediate for a PCK chain, the root for the TCB Signing chain).</summary>
    public X509Certificate2 LeafIssuer => Certificates[1];

    public IReadOnlyList<CollateralExpiry> Validity { get; } = validity;
}
