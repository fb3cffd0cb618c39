using System.Security.Cryptography;
using Confcom.Attestation.Appraisal;
using Confcom.Attestation.Verification;
using Confcom.Simulation.Collateral;
using Confcom.Simulation.Enclaves;
using Confcom.Simulation.Platform;
using Confcom.Simulation.Quoting;
using Confcom.Sgx.Collateral;

namespace Confcom.Attestation.Tests.Simulated;

/// <summary>
/// A simulated SGX node in a temp directory (the sim branch's platform, software QE3 and collateral issuer), shared
/// by the tests of a class: real quotes from the simulated QE, real collateral signed by the simulated Intel chain.
/// </summary>
public sealed class SimulatedNode : IDisposable
{
    private readonly string _directory = Path.Combine("/tmp", "cc-" + Guid.NewGuid().ToString("N")[..8]);

    public SimulatedNode()
    {
        Platform = SimulatedPlatform.OpenOrCreate(Path.Combine(_directory, "node"), Path.Combine(_directory, "root"));
        QuotingEnclave = new SimulatedQuotingEnclave(Platform);
        IssuedAt = DateTimeOffset.UtcNow.AddMinutes(-5);
    }

    public static readonly SimulatedEnclaveIdentity App = new()
    {
        MrEnclave = SHA256.HashData("verifier test enclave"u8),
        MrSigner = SHA256.HashData("verifier test signer"u8),
        IsvProdId = 3,
        IsvSvn = 9,
    };

    public SimulatedPlatform Platform { get; }

    public SimulatedQuotingEnclave QuotingEnclave { get; }

    /// <summary>When the collateral is issued; verify shortly after it.</summary>
    public DateTimeOffset IssuedAt { get; }

    public DateTimeOffset VerifyAt => IssuedAt.AddHours(1);

    public string RootDirectory => Path.Combine(_directory, "root");

    public string Directory => _directory;

    public TrustAnchor Anchor => TrustAnchor.FromCertificate(Platform.Root.Root.Certificate);

    public QuoteVerifier Verifier(AppraisalPolicy? policy = null) =>
        new(new QuoteVerifierOptions { TrustAnchor = Anchor, Policy = policy ?? AppraisalPolicy.Default });

    public QuoteCollateral Collateral(CollateralScenario scenario) =>
        SimulatedCollateralIssuer.Issue(Platform, scenario, IssuedAt).ToQuoteCollateral();

    public async Task<byte[]> QuoteAsync(byte[] reportData, SimulatedEnclaveIdentity? identity = null)
    {
        var enclave = new SimulatedEnclave(Platform, identity ?? App);
        var report = enclave.CreateReport(QuotingEnclave.TargetInfo, reportData);
        return (await QuotingEnclave.GetQuoteAsync(report, null, CancellationToken.None)).Quote;
    }

    public void Dispose()
    {
        QuotingEnclave.Dispose();
        Platform.Dispose();
        System.IO.Directory.Delete(_directory, recursive: true);
    }
}
