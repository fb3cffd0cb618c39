using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Confcom.Cli.Tests.Support;
using Confcom.Sgx.Quotes;
using Confcom.Simulation.Platform;
using Confcom.Testing;

namespace Confcom.Cli.Tests.Quoting;

public sealed class QuoteCommandTests
{
    [Fact]
    public async Task Without_SGX_AESM_ADDR_the_quote_comes_from_the_nodes_simulated_QE_in_process()
    {
        using var temp = new TempDirectory();
        var stateDir = temp.File("node");
        using (SimulatedPlatform.OpenOrCreate(stateDir, temp.File("root")))
        {
        }
        var reportData = Convert.ToHexStringLower(SHA256.HashData("nonce-1"u8));

        var result = await ConfcomProcess.RunAsync(ConfcomProcess.WithoutAesmAddr, ConfcomProcess.NodeRunSafetyNet,
            "quote", "--report-data", reportData, "--out", temp.File("q.bin"), "--state-dir", stateDir, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.StandardOutput);
        Assert.Equal("in-process", json.RootElement.GetProperty("mode").GetString());
        var quote = Confcom.Sgx.Quotes.Quote.Parse(File.ReadAllBytes(temp.File("q.bin")));
        var body = quote.Body.Sgx!;
        Assert.Equal(3, quote.Header.Version);
        Assert.Equal(TeeType.Sgx, quote.Header.TeeType);
        Assert.Equal(reportData + new string('0', 64), Convert.ToHexStringLower(body.ReportData));
        Assert.Equal(SHA256.HashData(Encoding.ASCII.GetBytes("confcom sample enclave")), body.MrEnclave.ToArray());
        Assert.Equal(Convert.ToHexStringLower(body.MrEnclave), json.RootElement.GetProperty("mrEnclave").GetString());
        Assert.Equal(quote.Length, json.RootElement.GetProperty("size").GetInt32());
        Assert.Equal(File.ReadAllBytes(temp.File("q.bin")).Length, quote.Length);
    }

    [Fact]
    public async Task With_SGX_AESM_ADDR_set_and_no_quote_helper_it_names_the_socket_and_the_fix()
    {
        using var temp = new TempDirectory();
        var stateDir = temp.File("node");
        using (SimulatedPlatform.OpenOrCreate(stateDir, temp.File("root")))
        {
        }
        var socket = temp.File("aesm.socket");

        var result = await ConfcomProcess.RunAsync(new Dictionary<string, string?> { ["SGX_AESM_ADDR"] = "" }, ConfcomProcess.NodeRunSafetyNet,
            "quote", "--report-data", "00", "--out", temp.File("q.bin"), "--state-dir", stateDir, "--socket", socket);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"quote helper not reachable at {socket}", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("0x4001", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("0xE040", result.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("q.bin")));
    }

    [Fact]
    public async Task Bad_report_data_is_refused_before_anything_is_written()
    {
        using var temp = new TempDirectory();

        var result = await ConfcomProcess.RunAsync(ConfcomProcess.WithoutAesmAddr, ConfcomProcess.NodeRunSafetyNet,
            "quote", "--report-data", "xyz", "--out", temp.File("q.bin"), "--state-dir", temp.File("node"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--report-data must be hex", result.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("q.bin")));
    }

    [Fact]
    public async Task A_missing_simulated_node_is_reported_with_the_command_that_creates_it()
    {
        using var temp = new TempDirectory();

        var result = await ConfcomProcess.RunAsync(ConfcomProcess.WithoutAesmAddr, ConfcomProcess.NodeRunSafetyNet,
            "quote", "--report-data", "00", "--out", temp.File("q.bin"), "--state-dir", temp.File("none"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("confcom sim init", result.StandardError, StringComparison.Ordinal);
    }
}
