using System.Security.Cryptography;
using System.Text.Json;
using Confcom.Attestation.Collateral;
using Confcom.Cli.Tests.Support;
using Confcom.Sgx.Structures;
using Confcom.Simulation.Platform;
using Confcom.Simulation.Quoting;
using Confcom.Sgx.Collateral;
using Confcom.Testing;

namespace Confcom.Cli.Tests.Sim;

public sealed class SimVerbTests
{
    [Fact]
    public async Task InitCreatesThenLoadsTheSameIdentity()
    {
        using var dir = new TempDirectory();
        var first = await ConfcomProcess.RunAsync("sim", "init", "--state-dir", dir.File("node"), "--sim-root", dir.File("root"), "--json");
        var second = await ConfcomProcess.RunAsync("sim", "init", "--state-dir", dir.File("node"), "--json");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        using var a = JsonDocument.Parse(first.StandardOutput);
        using var b = JsonDocument.Parse(second.StandardOutput);
        Assert.Equal("created", a.RootElement.GetProperty("status").GetString());
        Assert.Equal("loaded", b.RootElement.GetProperty("status").GetString());
        Assert.Equal(a.RootElement.GetProperty("pckSerial").GetString(), b.RootElement.GetProperty("pckSerial").GetString());
        Assert.Equal(a.RootElement.GetProperty("publicKeyId").GetString(), b.RootElement.GetProperty("publicKeyId").GetString());
        Assert.Equal(dir.File("root"), b.RootElement.GetProperty("rootDirectory").GetString());
        using var platform = SimulatedPlatform.Open(dir.File("node"));
        Assert.Equal(platform.Node.Pck.Certificate.SerialNumber.ToLowerInvariant(), b.RootElement.GetProperty("pckSerial").GetString());
    }

    [Fact]
    public async Task ReportIsAcceptedByTheNodesQuotingEnclave()
    {
        using var dir = new TempDirectory();
        using (SimulatedPlatform.OpenOrCreate(dir.File("node")))
        {
        }
        var result = await ConfcomProcess.RunAsync("sim", "report", "--state-dir", dir.File("node"), "--report-data", "c0ffee",
            "--out", dir.File("r.bin"), "--mrenclave", new string('a', 64), "--isv-svn", "4", "--debug");

        Assert.True(result.ExitCode == 0, result.ToString());
        var report = SgxReport.Parse(File.ReadAllBytes(dir.File("r.bin")));
        Assert.Equal(Convert.FromHexString(new string('a', 64)), report.Body.MrEnclave.ToArray());
        Assert.Equal(4, report.Body.IsvSvn);
        Assert.True(report.Body.IsDebug);
        Assert.Equal([0xC0, 0xFF, 0xEE, 0, 0], report.Body.ReportData[..5].ToArray());

        using var platform = SimulatedPlatform.Open(dir.File("node"));
        using var qe = new SimulatedQuotingEnclave(platform);
        var quote = await qe.GetQuoteAsync(report, null, CancellationToken.None);
        Assert.Equal(report.Body.ToArray(), quote.Quote.AsSpan(48, 384).ToArray());
    }

    [Fact]
    public async Task ReportForAnotherTargetIsRejectedByTheQe()
    {
        using var dir = new TempDirectory();
        using (SimulatedPlatform.OpenOrCreate(dir.File("node")))
        {
        }
        var other = SgxTargetInfo.Create(SHA256.HashData("other"u8), SgxAttributes.Production64, 0);
        File.WriteAllBytes(dir.File("ti.bin"), other.ToArray());
        var result = await ConfcomProcess.RunAsync("sim", "report", "--state-dir", dir.File("node"), "--report-data", "00",
            "--out", dir.File("r.bin"), "--target-info", dir.File("ti.bin"));
        Assert.True(result.ExitCode == 0, result.ToString());

        using var platform = SimulatedPlatform.Open(dir.File("node"));
        using var qe = new SimulatedQuotingEnclave(platform);
        var error = await Assert.ThrowsAsync<Confcom.Aesm.Quoting.QuotingEnclaveException>(async () =>
            await qe.GetQuoteAsync(SgxReport.Parse(File.ReadAllBytes(dir.File("r.bin"))), null, CancellationToken.None));
        Assert.Equal(Confcom.Aesm.Quoting.AesmError.InvalidReport, error.Error);
    }

    [Theory]
    [InlineData("/dev/zero")]
    [InlineData("big")]
    public async Task ATargetInfoFarLargerThan512BytesIsRefusedWhileReadingInOneLine(string source)
    {
        using var dir = new TempDirectory();
        using (SimulatedPlatform.OpenOrCreate(dir.File("node")))
        {
        }
        var path = source == "big" ? dir.File("big.bin") : source;
        if (source == "big")
        {
            using var big = File.Create(path);
            big.SetLength(1024 * 1024);
        }

        var result = await ConfcomProcess.RunAsync("sim", "report", "--state-dir", dir.File("node"), "--report-data", "00",
            "--out", dir.File("r.bin"), "--target-info", path);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"--target-info {path} is larger than 512 bytes", result.StandardError, StringComparison.Ordinal);
        Assert.Single(result.StandardError.Trim().Split('\n'));
        Assert.False(File.Exists(dir.File("r.bin")));
    }

    [Theory]
    [InlineData("--report-data", "xyz", "not hex")]
    [InlineData("--report-data", "00", "run 'confcom sim init")]
    public async Task BadInputFailsWithOneLine(string option, string value, string expected)
    {
        using var dir = new TempDirectory();
        var result = await ConfcomProcess.RunAsync("sim", "report", "--state-dir", dir.File("none"), option, value, "--out", dir.File("r.bin"));
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(expected, result.StandardError, StringComparison.Ordinal);
        Assert.Single(result.StandardError.Trim().Split('\n'));
        Assert.False(File.Exists(dir.File("r.bin")));
    }

    [Fact]
    public async Task RootWritesTheTrustAnchorAndCollateralWritesABundle()
    {
        using var dir = new TempDirectory();
        using (SimulatedPlatform.OpenOrCreate(dir.File("node")))
        {
        }
        var root = await ConfcomProcess.RunAsync("sim", "root", "--state-dir", dir.File("node"), "--out", dir.File("root.pem"));
        var collateral = await ConfcomProcess.RunAsync("sim", "collateral", "--state-dir", dir.File("node"), "--out", dir.File("c.json"), "--scenario", "RevokedPck");
        var bogus = await ConfcomProcess.RunAsync("sim", "collateral", "--state-dir", dir.File("node"), "--out", dir.File("d.json"), "--scenario", "Sunny");

        Assert.True(root.ExitCode == 0, root.ToString());
        Assert.True(collateral.ExitCode == 0, collateral.ToString());
        using var platform = SimulatedPlatform.Open(dir.File("node"));
        Assert.Equal(platform.Root.RootCertificatePem, File.ReadAllText(dir.File("root.pem")));
        var bundle = QuoteCollateral.Load(dir.File("c.json"));
        Assert.StartsWith(platform.Root.TcbSigning.CertificatePem, bundle.TcbInfoIssuerChain, StringComparison.Ordinal);
        Assert.Contains("\"id\":\"SGX\"", bundle.TcbInfo, StringComparison.Ordinal);
        Assert.NotEqual(0, bogus.ExitCode);
        Assert.Contains("RevokedTcbLevel", bogus.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PcsServeAnswersOverHttpAndStopsCleanlyOnSigterm()
    {
        using var dir = new TempDirectory();
        using var pcs = ConfcomProcess.Start("pcs", "serve", "--state-dir", dir.File("node"), "--listen", "http://127.0.0.1:0");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var line = await pcs.WaitForOutputLineAsync(l => l.Contains(" Listening on http://", StringComparison.Ordinal), timeout.Token);
        Assert.NotNull(line);
        var url = line[(line.IndexOf(" Listening on ", StringComparison.Ordinal) + " Listening on ".Length)..].Split(' ')[0];

        using (var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) })
        {
            Assert.Equal("ok", (await client.GetStringAsync("/healthz", timeout.Token)).Trim());
            using var platform = SimulatedPlatform.Open(dir.File("node"));
            using var tcb = await client.GetAsync($"/sgx/certification/v4/tcb?fmspc={Convert.ToHexString(platform.Description.Fmspc)}", timeout.Token);
            Assert.True(tcb.IsSuccessStatusCode);
            Assert.True(tcb.Headers.Contains("TCB-Info-Issuer-Chain"));
        }

        var exitCode = await pcs.TerminateAsync(timeout.Token);
        var output = pcs.StandardOutput;
        var rest = output[(output.IndexOf(line, StringComparison.Ordinal) + line.Length)..];
        Assert.Equal(0, exitCode);
        Assert.Contains("Stopped listening on " + url.TrimEnd('/'), rest, StringComparison.Ordinal);
    }
}
