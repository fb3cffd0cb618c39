using System.CommandLine;
using Confcom.Cli.Tests.Support;
using Confcom.Testing;
using Confcom.TestData;

namespace Confcom.Cli.Tests.Style;

/// <summary>
/// The one JSON style, checked on the real executable for every verb that has <c>--json</c>: the test finds those
/// verbs in the command tree and fails when one has no run here, so a new <c>--json</c> cannot skip the check.
/// </summary>
public sealed class JsonStyleTests : IDisposable
{
    private const string SgxAt = "1752919277";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task EveryJsonOutputHasCamelCaseKeysLowerCaseHexAndRealBooleans()
    {
        var runs = new Dictionary<string, Func<Task<IReadOnlyList<string>>>>(StringComparer.Ordinal)
        {
            ["node-info"] = async () => [await JsonOf(0, "node-info", "--simulate", "--host-root", _dir.Path, "--json")],
            ["inspect"] = async () =>
            [
                await JsonOf(0, "inspect", SampleQuoteFiles.Path("sgx_quote"), "--json"),
                await JsonOf(0, "inspect", SampleQuoteFiles.Path("tdx_quote"), "--json"),
            ],
            ["verify"] = async () =>
            [
                await JsonOf(0, "verify", SampleQuoteFiles.Path("sgx_quote"), "--collateral", SampleQuoteFiles.Path("sgx_quote_collateral.json"), "--at", SgxAt, "--json"),
                // A rejection: its failure message quotes both roots' subjects in apostrophes (written as ', not \u0027).
                await JsonOf(2, "verify", SampleQuoteFiles.Path("sgx_quote"), "--collateral", SampleQuoteFiles.Path("sgx_quote_collateral.json"), "--at", SgxAt,
                    "--trusted-root", await SimulatedRootAsync(), "--json"),
            ],
            ["sim init"] = async () => [await JsonOf(0, "sim", "init", "--state-dir", _dir.File("node"), "--json")],
            ["quote"] = async () =>
            {
                await JsonOf(0, "sim", "init", "--state-dir", _dir.File("node"), "--json");
                return [await JsonOf(0, "quote", "--report-data", "c0ffee", "--out", _dir.File("q.bin"), "--state-dir", _dir.File("node"), "--json")];
            },
            ["kubelet-standin"] = async () => [await KubeletStandinJsonAsync()],
        };

        var withJson = CommandTree.All().Where(c => c.Command.Options.Any(o => o.Name == "--json")).Select(c => string.Join(' ', c.Path)).ToList();
        Assert.Empty(withJson.Except(runs.Keys));

        var problems = new List<string>();
        foreach (var verb in withJson)
        {
            foreach (var output in await runs[verb]())
            {
                problems.AddRange(JsonStyle.Violations(output).Select(p => $"{verb}: {p}"));
            }
        }
        Assert.Empty(problems);
    }

    [Fact]
    public void TheChecksCatchEachDeparture()
    {
        Assert.Empty(JsonStyle.Violations("""{"mrEnclave":"00ab","ok":true,"envs":{"SGX_AESM_ADDR":"1"},"message":"Intel's"}"""));
        Assert.Single(JsonStyle.Violations("""{"report_data":"00"}"""));
        Assert.Single(JsonStyle.Violations("""{"fmspc":"00A067110000"}"""));
        Assert.Single(JsonStyle.Violations("""{"debug":"False"}"""));
        Assert.Single(JsonStyle.Violations("""{"message":"Intel\u0027s"}"""));
    }

    [Fact]
    public async Task TextOutputWritesBooleansAsTrueAndFalse()
    {
        var result = await ConfcomProcess.RunAsync("verify", SampleQuoteFiles.Path("sgx_quote"), "--collateral", SampleQuoteFiles.Path("sgx_quote_collateral.json"), "--at", SgxAt);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(" debug false", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("False", result.StandardOutput, StringComparison.Ordinal);
    }

    private async Task<string> SimulatedRootAsync()
    {
        var path = _dir.File("sim-root.pem");
        Assert.Equal(0, (await ConfcomProcess.RunAsync("sim", "init", "--state-dir", _dir.File("root-node"))).ExitCode);
        Assert.Equal(0, (await ConfcomProcess.RunAsync("sim", "root", "--state-dir", _dir.File("root-node"), "--out", path)).ExitCode);
        return path;
    }

    private async Task<string> KubeletStandinJsonAsync()
    {
        var kubeletDir = _dir.File("kubelet");
        Directory.CreateDirectory(_dir.File("host/dev"));
        using var standin = ConfcomProcess.Start("kubelet-standin", kubeletDir, "--allocate", "sgx.intel.com/enclave=1", "--json");
        using var plugin = ConfcomProcess.Start("device-plugin", "--simulate", "--kubelet-dir", kubeletDir, "--host-root", _dir.File("host"),
            "--resources", "sgx.intel.com/enclave", "--metrics-listen", "off");
        var exit = await standin.WaitForExitAsync();
        await plugin.TerminateAsync();
        Assert.True(exit == 0, standin.StandardError + plugin.StandardOutput);
        return standin.StandardOutput;
    }

    private static async Task<string> JsonOf(int expectedExit, params string[] args)
    {
        var result = await ConfcomProcess.RunAsync(ConfcomProcess.WithoutAesmAddr, ConfcomProcess.NodeRunSafetyNet, args);
        Assert.True(result.ExitCode == expectedExit, result.ToString());
        return result.StandardOutput;
    }
}
