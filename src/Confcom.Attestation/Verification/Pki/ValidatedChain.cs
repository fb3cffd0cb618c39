namespace Confcom.Attestation.Verification.Pki;

/// <summary>A chain that verifies up to the trust anchor (leaf first, root last), with the validity window of every certificate.</summary>
internal sealed class ValidatedChain(IReadOnlyList<ParsedCertificate> certificates, IReadOnlyList<CollateralExpiry> validity)
{
    public IReadOnlyList<ParsedCertificate> Certificates { get; } = certificates;

    public ParsedCertificate Leaf => Certificates[0];

    public ParsedCertificate Root => Certificates[^1];

    /// <summary>Issuer of the leaf (the intermediate for a PCK chain, the root for the TCB Signing chain).</summary>
    public ParsedCertificate LeafIssuer => Certificates[1];

    public IReadOnlyList<CollateralExpiry> Validity { get; } = validity;
}
