using Confcom.Cli.Tests.Support;
using Confcom.Simulation.Pcs;
using Confcom.Testing;

namespace Confcom.Cli.Tests.Quoting;

/// <summary>A quote from <c>confcom quote</c> is accepted by <c>confcom verify</c> with collateral from the simulated PCS.</summary>
public sealed class QuoteThenVerifyTests
{
    [Fact]
    public async Task confcom_verify_accepts_what_confcom_quote_wrote_out_of_process()
    {
        await using var helper = await RunningQuoteHelper.StartAsync();
        await using var pcs = await RunningPcs.StartAsync(helper.Enclave.Platform);
        var quotePath = helper.TempFile("q.bin");
        var rootPem = helper.TempFile("root-ca.pem");
        await File.WriteAllTextAsync(rootPem, helper.Enclave.Platform.Root.RootCertificatePem);

        var quote = await ConfcomProcess.RunAsync(new Dictionary<string, string?> { ["SGX_AESM_ADDR"] = "1" }, ConfcomProcess.NodeRunSafetyNet,
            "quote", "--report-data", "feedface", "--out", quotePath, "--socket", helper.SocketPath, "--state-dir", helper.StateDirectory);
        // As the sample Job does: fetch the collateral bundle, then verify against it. (Verifying with --pcs directly can
        // race the simulated PCS, which stamps collateral with the moment of the request, after verify's default "now".)
        var collateralPath = helper.TempFile("collateral.json");
        var fetch = await ConfcomProcess.RunAsync(ConfcomProcess.WithoutAesmAddr, ConfcomProcess.NodeRunSafetyNet,
            "collateral", "fetch", "--quote", quotePath, "--pcs", pcs.BaseAddress.ToString(), "--out", collateralPath);
        var verify = await ConfcomProcess.RunAsync(ConfcomProcess.WithoutAesmAddr, ConfcomProcess.NodeRunSafetyNet,
            "verify", quotePath, "--collateral", collateralPath, "--trusted-root", rootPem);

        Assert.True(fetch.ExitCode == 0, fetch.ToString());
        Assert.True(quote.ExitCode == 0, quote.ToString());
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Contains("SGX_QL_QV_RESULT_OK", verify.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("report_data feedface00", verify.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task confcom_verify_rejects_the_quote_under_Intels_real_root()
    {
        await using var helper = await RunningQuoteHelper.StartAsync();
        await using var pcs = await RunningPcs.StartAsync(helper.Enclave.Platform);
        var quotePath = helper.TempFile("q.bin");

        var quote = await ConfcomProcess.RunAsync(new Dictionary<string, string?> { ["SGX_AESM_ADDR"] = "1" }, ConfcomProcess.NodeRunSafetyNet,
            "quote", "--report-data", "00", "--out", quotePath, "--socket", helper.SocketPath, "--state-dir", helper.StateDirectory);
        // A verification time just after the collateral's issue: see the race noted above.
        var at = DateTimeOffset.UtcNow.AddMinutes(2).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var verify = await ConfcomProcess.RunAsync(ConfcomProcess.WithoutAesmAddr, ConfcomProcess.NodeRunSafetyNet, "verify", quotePath, "--pcs", pcs.BaseAddress.ToString(), "--at", at);

        Assert.True(quote.ExitCode == 0, quote.ToString());
        Assert.NotEqual(0, verify.ExitCode);
        // Rejected for its root, not for anything else.
        Assert.Contains("root", verify.StandardOutput + verify.StandardError, StringComparison.OrdinalIgnoreCase);
    }
}
