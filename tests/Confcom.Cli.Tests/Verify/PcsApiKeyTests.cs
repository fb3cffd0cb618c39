using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using Confcom.Cli.Commands;
using Confcom.Cli.Tests.Support;
using Confcom.Simulation.Collateral;
using Confcom.Simulation.Enclaves;
using Confcom.Simulation.Platform;
using Confcom.Simulation.Quoting;
using Confcom.Testing;

namespace Confcom.Cli.Tests.Verify;

/// <summary>
/// The PCS API key and the PCS flags shared by <c>collateral fetch</c> and <c>verify --pcs</c>: the key never goes to
/// another origin after a redirect, and it can come from a file or CONFCOM_PCS_API_KEY instead of the command line
/// (where ps shows it); --timeout bounds the whole fetch.
/// </summary>
public sealed class PcsApiKeyTests : IAsyncLifetime
{
    private const string Key = "cli-test-subscription-key";
    private readonly TempDirectory _dir = new();
    private SimulatedPlatform _platform = null!;
    private RunningPcs _pcs = null!;
    private string _quotePath = null!;
    private string _rootPath = null!;

    public async Task InitializeAsync()
    {
        _platform = SimulatedPlatform.OpenOrCreate(_dir.File("node"), _dir.File("root"));
        _pcs = await RunningPcs.StartAsync(_platform, o => o.Scenario = CollateralScenario.UpToDate);
        using var qe = new SimulatedQuotingEnclave(_platform);
        var app = new SimulatedEnclave(_platform, new SimulatedEnclaveIdentity { MrEnclave = new byte[32], MrSigner = new byte[32] });
        var quote = (await qe.GetQuoteAsync(app.CreateReport(qe.TargetInfo, new byte[64]), null, CancellationToken.None)).Quote;
        _quotePath = _dir.File("quote.bin");
        await File.WriteAllBytesAsync(_quotePath, quote);
        _rootPath = _dir.File("root.pem");
        await File.WriteAllTextAsync(_rootPath, _platform.Root.RootCertificatePem);
    }

    public async Task DisposeAsync()
    {
        await _pcs.DisposeAsync();
        _platform.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task TheKeyIsNotSentToAnotherOriginAfterARedirect()
    {
        await using var elsewhere = await RecordingHttpServer.ForwardingTo(_pcs.BaseAddress);
        await using var front = await RecordingHttpServer.RedirectingTo(elsewhere.BaseAddress);

        // --api-key is the spelling every release had; the redirect must not leak it whichever way the key came.
        var exit = await RunInProcessAsync(CollateralCommand.Create(), "fetch", "--quote", _quotePath, "--pcs", front.BaseAddress.ToString(),
            "--api-key", Key, "--out", _dir.File("c.json"));

        Assert.Equal(0, exit);
        Assert.NotEmpty(front.Seen);
        Assert.All(front.Seen, r => Assert.Equal(Key, r.ApiKey));
        Assert.NotEmpty(elsewhere.Seen);
        Assert.All(elsewhere.Seen, r => Assert.Null(r.ApiKey));
    }

    [Fact]
    public async Task CollateralFetchTakesTheKeyFromAFile()
    {
        await using var pcs = await RecordingHttpServer.ForwardingTo(_pcs.BaseAddress);
        var keyFile = _dir.File("pcs.key");
        await File.WriteAllTextAsync(keyFile, Key + "\n");

        var result = await ConfcomProcess.RunAsync("collateral", "fetch", _quotePath, "--pcs", pcs.BaseAddress.ToString(), "--api-key-file", keyFile, "--out", _dir.File("c.json"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.All(pcs.Seen, r => Assert.Equal(Key, r.ApiKey));
        Assert.DoesNotContain("warning", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyPcsTakesTheKeyFromTheEnvironment()
    {
        await using var pcs = await RecordingHttpServer.ForwardingTo(_pcs.BaseAddress);

        var result = await ConfcomProcess.RunAsync(new Dictionary<string, string?> { ["CONFCOM_PCS_API_KEY"] = Key }, ConfcomProcess.NodeRunSafetyNet,
            "verify", _quotePath, "--pcs", pcs.BaseAddress.ToString(), "--trusted-root", _rootPath);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.NotEmpty(pcs.Seen);
        Assert.All(pcs.Seen, r => Assert.Equal(Key, r.ApiKey));
    }

    [Fact]
    public async Task TheKeyOnTheCommandLineStillWorksWithAWarning()
    {
        await using var pcs = await RecordingHttpServer.ForwardingTo(_pcs.BaseAddress);

        var result = await ConfcomProcess.RunAsync("collateral", "fetch", _quotePath, "--pcs", pcs.BaseAddress.ToString(), "--api-key", Key, "--out", _dir.File("c.json"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("warning: --api-key shows the key to every local user", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AServerThatNeverAnswersFailsAtTheTimeoutNamingIt()
    {
        // Accepts connections and never answers.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/";

        var result = await ConfcomProcess.RunAsync("collateral", "fetch", _quotePath, "--pcs", url, "--timeout", "1s", "--out", _dir.File("c.json"));

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"confcom: --pcs {url}: no complete answer within --timeout 1s", result.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.File("c.json")));
    }

    [Fact]
    public async Task FetchWritesTheBundleToStandardOutput()
    {
        var result = await ConfcomProcess.RunAsync("collateral", "fetch", _quotePath, "--pcs", _pcs.BaseAddress.ToString(), "--out", "-");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("\"tcb_info\"", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("written to standard output", result.StandardError, StringComparison.Ordinal);
    }

    private static async Task<int> RunInProcessAsync(Command command, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        return await command.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
    }
}
