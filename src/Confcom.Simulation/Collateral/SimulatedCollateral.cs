using Confcom.Sgx.Collateral;

namespace Confcom.Simulation.Collateral;

/// <summary>
/// Collateral for one simulated platform and scenario, signed by the simulated Intel chain: TCB Info v3 and QE
/// Identity v2 (signed by TCB Signing), the PCK CRL (by the PCK Platform CA) and the Root CA CRL (by the root).
/// </summary>
public sealed record SimulatedCollateral
{
    public required CollateralScenario Scenario { get; init; }
    public required DateTimeOffset IssueDate { get; init; }
    public required DateTimeOffset NextUpdate { get; init; }
    public required SignedJsonDocument TcbInfo { get; init; }
    public required SignedJsonDocument QeIdentity { get; init; }
    public required byte[] PckCrl { get; init; }
    public required byte[] RootCaCrl { get; init; }

    /// <summary>PEM PCK Platform CA ‖ root.</summary>
    public required string PckCrlIssuerChain { get; init; }

    /// <summary>PEM TCB Signing ‖ root (issuer of both TCB Info and QE Identity).</summary>
    public required string TcbSigningIssuerChain { get; init; }

    /// <summary>The bundle in the repository's dcap-qvl <c>QuoteCollateralV3</c> shape.</summary>
    public QuoteCollateral ToQuoteCollateral() => new()
    {
        PckCrlIssuerChain = PckCrlIssuerChain,
        RootCaCrl = RootCaCrl,
        PckCrl = PckCrl,
        TcbInfoIssuerChain = TcbSigningIssuerChain,
        TcbInfo = TcbInfo.Text,
        TcbInfoSignature = TcbInfo.Signature,
        QeIdentityIssuerChain = TcbSigningIssuerChain,
        QeIdentity = QeIdentity.Text,
        QeIdentitySignature = QeIdentity.Signature,
    };
}
