using Confcom.Cli.Tests.Support;
using Confcom.Sgx.Quotes;
using Confcom.Testing;

namespace Confcom.Cli.Tests.Demo;

/// <summary>Runs <c>confcom demo</c> headless, as the built executable, the way a new user runs it.</summary>
public sealed class DemoCommandTests
{
    [Fact]
    public async Task The_demo_brings_up_the_simulated_node_and_verifies_an_out_of_process_quote()
    {
        using var temp = new TempDirectory();
        var state = temp.File("state");

        var result = await ConfcomProcess.RunAsync(ConfcomProcess.WithoutAesmAddr, ConfcomProcess.NodeRunSafetyNet, "demo", "--state-dir", state);

        Assert.True(result.ExitCode == 0, result.ToString());
        var output = result.StandardOutput;
        for (var step = 1; step <= 6; step++)
        {
            Assert.Contains($"[{step}/6]", output, StringComparison.Ordinal);
        }
        Assert.Contains("kubernetes.azure.com/sgx_epc_mem_in_MiB: 128 devices (128 healthy)", output, StringComparison.Ordinal);
        Assert.Contains("Allocate for a pod with limit kubernetes.azure.com/sgx_epc_mem_in_MiB: 10", output, StringComparison.Ordinal);
        Assert.Contains("QuoteClient mode: OutOfProcess", output, StringComparison.Ordinal);
        Assert.Contains("status: SGX_QL_QV_RESULT_OK", output, StringComparison.Ordinal);
        Assert.Contains("report_data matches what the app put in its REPORT: yes", output, StringComparison.Ordinal);
        Assert.Contains("stopped: simulated PCS, quote helper, device plugin, kubelet stand-in", output, StringComparison.Ordinal);
        Assert.Contains("demo: quote verified", output, StringComparison.Ordinal);
        // The quote it reports is on disk and is a complete DCAP quote.
        var quote = Quote.Parse(File.ReadAllBytes(Path.Combine(state, "quote.bin")));
        Assert.Equal(3, quote.Header.Version);

        // The offline re-check it prints works.
        var verify = await ConfcomProcess.RunAsync(ConfcomProcess.WithoutAesmAddr, ConfcomProcess.NodeRunSafetyNet, "verify", Path.Combine(state, "quote.bin"),
            "--collateral", Path.Combine(state, "collateral.json"), "--trusted-root", Path.Combine(state, "root", "root-ca.pem"));
        Assert.True(verify.ExitCode == 0, verify.ToString());
    }

    [Fact]
    public async Task The_EPC_size_is_configurable_and_a_too_small_EPC_fails_step_2_and_still_shuts_down()
    {
        using var temp = new TempDirectory();

        var result = await ConfcomProcess.RunAsync(ConfcomProcess.WithoutAesmAddr, ConfcomProcess.NodeRunSafetyNet, "demo", "--state-dir", temp.File("state"), "--epc", "8MiB");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("kubernetes.azure.com/sgx_epc_mem_in_MiB: 8 devices", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("confcom: demo step 2/6 (device plugin) failed: only 8 MiB of EPC advertised", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("[6/6] Shut down", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("stopped: device plugin, kubelet stand-in, simulated QE3", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("[3/6]", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_run_on_the_same_state_reuses_the_node_identity()
    {
        using var temp = new TempDirectory();
        var state = temp.File("state");

        var first = await ConfcomProcess.RunAsync(ConfcomProcess.WithoutAesmAddr, ConfcomProcess.NodeRunSafetyNet, "demo", "--state-dir", state);
        var second = await ConfcomProcess.RunAsync(ConfcomProcess.WithoutAesmAddr, ConfcomProcess.NodeRunSafetyNet, "demo", "--state-dir", state);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(PckLine(first.StandardOutput), PckLine(second.StandardOutput));
    }

    private static string PckLine(string output) =>
        output.Split('\n').Single(l => l.Contains("PCK certificate", StringComparison.Ordinal)).Trim();
}
