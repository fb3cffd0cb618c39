using Confcom.Aesm.Client;
using Confcom.Cli.Tests.Support;
using Confcom.Sgx.Quotes;
using Confcom.Sgx.Structures;
using Confcom.Simulation.Enclaves;
using Confcom.Simulation.Platform;

namespace Confcom.Cli.Tests.QuoteHelper;

/// <summary>
/// The real executable across restarts: a killed quote helper comes back with the same simulated identity
/// (attestation key, PCK certificate) from --state-dir, replaces the stale socket the kill left, refuses to start
/// over a live one, and removes its socket on SIGTERM.
/// </summary>
public sealed class QuoteHelperRestartTests : IDisposable
{
    private static readonly byte[] Key = SgxAttestationKeyId.DefaultEcdsaP256.ToArray();
    private readonly string _directory = Path.Combine("/tmp", "cc-" + Guid.NewGuid().ToString("N")[..8]);

    private string StateDir => Path.Combine(_directory, "state");

    private string SocketPath => Path.Combine(_directory, "aesm.socket");

    [Fact]
    public async Task Restart_after_kill_keeps_the_identity_and_replaces_the_stale_socket()
    {
        string[] arguments = ["--backend", "simulated", "--state-dir", StateDir, "--socket", SocketPath];

        Quote first;
        using (var helper = StartQuoteHelper(arguments))
        {
            await WaitUntilServingAsync(helper);
            first = await QuoteAsync();
            await helper.KillAsync();
        }
        Assert.True(File.Exists(SocketPath), "SIGKILL leaves the socket file behind");

        using var restarted = StartQuoteHelper(arguments);
        await WaitUntilServingAsync(restarted);
        var second = await QuoteAsync();
        Assert.Contains("Replaced the stale socket file " + SocketPath, restarted.StandardOutput, StringComparison.Ordinal);

        Assert.Equal(first.Signature.AttestationPublicKey.ToArray(), second.Signature.AttestationPublicKey.ToArray());
        Assert.Equal(LeafPem(first), LeafPem(second));
        Assert.Equal(first.Signature.QeReportCertificationData.QeReport.ReportData.ToArray(),
            second.Signature.QeReportCertificationData.QeReport.ReportData.ToArray());

        // A second instance must not steal the socket from the live one.
        using (var intruder = StartQuoteHelper(arguments))
        {
            Assert.NotEqual(0, await intruder.WaitForExitAsync());
            Assert.Contains("already answering on " + SocketPath, intruder.StandardError, StringComparison.Ordinal);
        }
        Assert.Equal(0u, (await new AesmClient(SocketPath).GetSupportedAttKeyIdNumAsync()).ErrorCode);

        Assert.Equal(0, await restarted.TerminateAsync());
        Assert.False(File.Exists(SocketPath), "SIGTERM removes the socket");
        Assert.Contains("Quote helper stopped", restarted.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_state_dir_the_simulated_backend_takes_CONFCOM_STATE_DIR()
    {
        // The chart may set the variable instead of the flag; without either the default is /var/lib/confcom/sim.
        using var helper = ConfcomProcess.Start(new Dictionary<string, string?> { ["SGX_AESM_ADDR"] = null, ["CONFCOM_STATE_DIR"] = StateDir },
            ["quote-helper", "--backend", "simulated", "--socket", SocketPath]);
        await WaitUntilServingAsync(helper);
        Assert.True(File.Exists(Path.Combine(StateDir, "platform.json")), helper.StandardOutput);
        Assert.Equal(0, await helper.TerminateAsync());
    }

    [Fact]
    public async Task An_unusable_state_dir_fails_with_a_one_line_reason_naming_it()
    {
        using var helper = StartQuoteHelper("--backend", "simulated", "--state-dir", "/proc/confcom-state", "--socket", SocketPath);
        Assert.NotEqual(0, await helper.WaitForExitAsync());
        var error = helper.StandardError.TrimEnd();
        Assert.StartsWith("confcom: --state-dir /proc/confcom-state", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
        Assert.DoesNotContain("Exception", error + helper.StandardOutput, StringComparison.Ordinal);
        Assert.False(File.Exists(SocketPath));
    }

    /// <summary>The real <c>confcom quote-helper</c>, without the test host's SGX_AESM_ADDR.</summary>
    private static ConfcomProcess StartQuoteHelper(params string[] arguments) =>
        ConfcomProcess.Start(ConfcomProcess.WithoutAesmAddr, ["quote-helper", .. arguments]);

    /// <summary>Polls the socket until the service answers GetSupportedAttKeyIDNum (or the process dies).</summary>
    private async Task WaitUntilServingAsync(ConfcomProcess helper)
    {
        using var deadline = new CancellationTokenSource(ConfcomProcess.DefaultSafetyNet);
        var client = new AesmClient(SocketPath, TimeSpan.FromSeconds(10));
        while (true)
        {
            if (helper.HasExited)
            {
                throw new InvalidOperationException(
                    $"quote-helper exited with {helper.ExitCode} before serving: {helper.StandardError} {helper.StandardOutput}");
            }
            try
            {
                if ((await client.GetSupportedAttKeyIdNumAsync(deadline.Token)).ErrorCode == 0)
                {
                    return;
                }
            }
            catch (AesmTransportException)
            {
            }
            await Task.Delay(100, deadline.Token);
        }
    }

    /// <summary>
    /// An app enclave on the same simulated node (loaded read-only from --state-dir) asks the running service for
    /// a quote through the socket.
    /// </summary>
    private async Task<Quote> QuoteAsync()
    {
        var client = new AesmClient(SocketPath, TimeSpan.FromSeconds(30));
        var init = await client.InitQuoteExAsync(Key, false, null);
        Assert.Equal(0u, init.ErrorCode);
        var size = (await client.GetQuoteSizeExAsync(Key)).QuoteSize!.Value;
        using var platform = SimulatedPlatform.Open(StateDir);
        var app = new SimulatedEnclave(platform, new SimulatedEnclaveIdentity { MrEnclave = new byte[32], MrSigner = new byte[32] });
        var report = app.CreateReport(SgxTargetInfo.Parse(init.TargetInfo), new byte[64]);
        var result = await client.GetQuoteExAsync(report.ToArray(), Key, null, size);
        Assert.Equal(0u, result.ErrorCode);
        return Quote.Parse(result.Quote!);
    }

    private static string LeafPem(Quote quote)
    {
        var pem = quote.PckCertificateChainPem!;
        return pem[..(pem.IndexOf("-----END CERTIFICATE-----", StringComparison.Ordinal) + 25)];
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
