using Confcom.Cli.Tests.Support;
using Confcom.Testing;
using Confcom.TestData;

namespace Confcom.Cli.Tests.Flags;

/// <summary><c>-</c> means standard input where a verb reads a file and standard output where it writes one.</summary>
public sealed class StandardStreamTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task InspectReadsTheQuoteFromStandardInput()
    {
        var fromFile = await ConfcomProcess.RunAsync("inspect", SampleQuoteFiles.Path("sgx_quote"), "--json");
        var fromStdin = await ConfcomProcess.RunWithInputAsync(File.ReadAllBytes(SampleQuoteFiles.Path("sgx_quote")), "inspect", "-", "--json");

        Assert.True(fromStdin.ExitCode == 0, fromStdin.ToString());
        Assert.Equal(fromFile.StandardOutput, fromStdin.StandardOutput);
    }

    [Fact]
    public async Task VerifyReadsTheCollateralFromStandardInput()
    {
        var result = await ConfcomProcess.RunWithInputAsync(File.ReadAllBytes(SampleQuoteFiles.Path("sgx_quote_collateral.json")),
            "verify", SampleQuoteFiles.Path("sgx_quote"), "--collateral", "-", "--at", "1752919277");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("ACCEPTED WITH WARNINGS", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyReadsThePolicyFromStandardInput()
    {
        var policy = System.Text.Encoding.UTF8.GetBytes("""{"acceptedTcbStatuses":["UpToDate"]}""");

        var result = await ConfcomProcess.RunWithInputAsync(policy,
            "verify", SampleQuoteFiles.Path("sgx_quote"), "--collateral", SampleQuoteFiles.Path("sgx_quote_collateral.json"), "--at", "1752919277", "--policy", "-");

        // The sample is ConfigurationAndSWHardeningNeeded: a policy accepting only UpToDate refuses it.
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("REFUSED BY POLICY", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StandardInputCannotBeTwoInputs()
    {
        var result = await ConfcomProcess.RunWithInputAsync([], "verify", "-", "--collateral", "-");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("only one of QUOTE, --collateral, --trusted-root, --policy and --report-data-sha256-of can be -", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SimRootWritesThePemToStandardOutputAndTheSummaryToStandardError()
    {
        Assert.Equal(0, (await ConfcomProcess.RunAsync("sim", "init", "--state-dir", _dir.File("node"))).ExitCode);

        var result = await ConfcomProcess.RunAsync("sim", "root", "--state-dir", _dir.File("node"), "--out", "-");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("to standard output", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuoteWritesTheQuoteToStandardOutputAndTheJsonSummaryToStandardError()
    {
        Assert.Equal(0, (await ConfcomProcess.RunAsync("sim", "init", "--state-dir", _dir.File("node"))).ExitCode);

        var result = await ConfcomProcess.RunAsync(ConfcomProcess.WithoutAesmAddr, ConfcomProcess.NodeRunSafetyNet,
            "quote", "--report-data", "00", "--out", "-", "--state-dir", _dir.File("node"), "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var summary = System.Text.Json.JsonDocument.Parse(result.StandardError);
        Assert.Equal("standard output", summary.RootElement.GetProperty("out").GetString());
        Assert.NotEmpty(result.StandardOutput);
    }
}
