using System.CommandLine;
using Confcom.Attestation.Collateral;
using Confcom.Cli.Commands;
using Confcom.Simulation.Collateral;
using Confcom.Simulation.Enclaves;
using Confcom.Simulation.Pcs;
using Confcom.Simulation.Platform;
using Confcom.Simulation.Quoting;
using Confcom.Sgx.Collateral;
using Confcom.Testing;

namespace Confcom.Cli.Tests.Verify;

/// <summary>
/// <c>confcom collateral fetch</c> and <c>confcom verify --pcs</c> against the simulated PCS over real HTTP, with the
/// simulated root passed as <c>--trusted-root</c>.
/// </summary>
public sealed class CollateralFetchCommandTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine("/tmp", "cc-" + Guid.NewGuid().ToString("N")[..8]);
    private SimulatedPlatform _platform = null!;
    private RunningPcs _server = null!;
    private string _quotePath = null!;
    private string _rootPath = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _platform = SimulatedPlatform.OpenOrCreate(Path.Combine(_dir, "node"), Path.Combine(_dir, "root"));
        _server = await RunningPcs.StartAsync(_platform, o => o.Scenario = CollateralScenario.SWHardeningNeeded);
        using var qe = new SimulatedQuotingEnclave(_platform);
        var app = new SimulatedEnclave(_platform, new SimulatedEnclaveIdentity { MrEnclave = new byte[32], MrSigner = new byte[32] });
        var quote = (await qe.GetQuoteAsync(app.CreateReport(qe.TargetInfo, new byte[64]), null, CancellationToken.None)).Quote;
        _quotePath = Path.Combine(_dir, "quote.bin");
        await File.WriteAllBytesAsync(_quotePath, quote);
        _rootPath = Path.Combine(_dir, "root.pem");
        await File.WriteAllTextAsync(_rootPath, _platform.Root.RootCertificatePem);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _platform.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task FetchWritesABundleThatVerifiesOffline()
    {
        var bundle = Path.Combine(_dir, "collateral.json");
        var (exit, text) = await RunAsync(CollateralCommand.Create(), "fetch", "--quote", _quotePath, "--pcs", _server.BaseAddress.ToString(), "--out", bundle);

        Assert.Equal(0, exit);
        Assert.Contains("platform CA", text, StringComparison.Ordinal);
        var collateral = QuoteCollateral.Load(bundle);
        Assert.Contains($"\"fmspc\":\"{Convert.ToHexString(_platform.Description.Fmspc)}\"", collateral.TcbInfo, StringComparison.Ordinal);

        var (verifyExit, output) = await RunAsync(VerifyCommand.Create(), _quotePath, "--collateral", bundle, "--trusted-root", _rootPath);
        Assert.Equal(0, verifyExit);
        Assert.StartsWith("ACCEPTED WITH WARNINGS: SGX_QL_QV_RESULT_SW_HARDENING_NEEDED", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyFetchesFromThePcsDirectly()
    {
        var (exit, output) = await RunAsync(VerifyCommand.Create(), _quotePath, "--pcs", _server.BaseAddress.ToString(), "--trusted-root", _rootPath, "--json");
        Assert.Equal(0, exit);
        Assert.Contains("\"status\": \"SwHardeningNeeded\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachablePcsFailsWithTheUrl()
    {
        var ex = await Assert.ThrowsAsync<CliException>(() =>
            RunAsync(CollateralCommand.Create(), "fetch", "--quote", _quotePath, "--pcs", "http://127.0.0.1:9/", "--out", Path.Combine(_dir, "x.json")));
        Assert.Equal(1, ex.ExitCode);
        Assert.Contains("127.0.0.1:9", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "x.json")));
    }

    private static async Task<(int Exit, string Output)> RunAsync(Command command, params string[] args)
    {
        using var output = new StringWriter();
        var exit = await command.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, EnableDefaultExceptionHandler = false });
        return (exit, output.ToString());
    }
}
