using Confcom.Aesm.Quoting;
using System.Security.Cryptography;
using System.Text.Json;
using Confcom.Attestation.Client;
using Confcom.Cli.Commands.Quoting;
using Confcom.Cli.Tests.Support;

namespace Confcom.Cli.Tests.Quoting;

/// <summary>The client against the real quote helper and simulated QE3, over a real socket.</summary>
public sealed class OutOfProcessQuoteHelperTests
{
    [Fact]
    public async Task An_app_with_SGX_AESM_ADDR_gets_a_quote_whose_signature_covers_its_report()
    {
        await using var helper = await RunningQuoteHelper.StartAsync();
        var client = new QuoteClient(new QuoteClientOptions
        {
            GetEnvironmentVariable = name => name == "SGX_AESM_ADDR" ? "1" : null,
            AesmSocketPath = helper.SocketPath,
        });
        var reportData = RandomNumberGenerator.GetBytes(64);

        var result = await new SampleEnclaveApp(helper.Enclave.Platform).GetQuoteAsync(client, reportData, CancellationToken.None);

        Assert.Equal(QuotingMode.OutOfProcess, client.Mode);
        // Strict parse: nothing may follow the quote, so the padding AESM adds was cut exactly.
        var quote = Confcom.Sgx.Quotes.Quote.Parse(result.Quote);
        Assert.Equal(result.Report.Body.Bytes.ToArray(), quote.Body.Sgx!.Bytes.ToArray());
        Assert.Equal(reportData, quote.Body.Sgx!.ReportData.ToArray());
        using var attestationKey = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint
            {
                X = quote.Signature.AttestationPublicKey.Span[..32].ToArray(),
                Y = quote.Signature.AttestationPublicKey.Span[32..].ToArray(),
            },
        });
        Assert.True(attestationKey.VerifyData(quote.SignedRegion.Span, quote.Signature.IsvSignature.Span,
            HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    [Fact]
    public async Task A_report_made_for_another_target_is_refused_with_MAC_MISMATCH()
    {
        await using var helper = await RunningQuoteHelper.StartAsync();
        var client = new QuoteClient(new QuoteClientOptions { Mode = QuotingMode.OutOfProcess, AesmSocketPath = helper.SocketPath });
        await client.GetTargetInfoAsync();
        // An all-zero REPORT: not made for the QE on this platform.
        var report = Confcom.Sgx.Structures.SgxReport.Parse(new byte[Confcom.Sgx.Structures.SgxReport.Size]);

        var ex = await Assert.ThrowsAsync<QuoteException>(() => client.GetQuoteAsync(report));

        Assert.Equal(SgxStatus.MacMismatch, ex.Status);
        Assert.Equal(Quote3Error.Unexpected, ex.Quote3Error);
        Assert.Equal(Confcom.Aesm.Quoting.AesmError.InvalidReport, ex.AesmError);
    }

    [Fact]
    public async Task confcom_quote_with_SGX_AESM_ADDR_uses_the_quote_helper_socket()
    {
        await using var helper = await RunningQuoteHelper.StartAsync();
        var output = helper.TempFile("q.bin");

        var result = await ConfcomProcess.RunAsync(new Dictionary<string, string?> { ["SGX_AESM_ADDR"] = "1" }, ConfcomProcess.NodeRunSafetyNet,
            "quote", "--report-data", "c0ffee", "--out", output, "--socket", helper.SocketPath,
            "--state-dir", helper.StateDirectory, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.StandardOutput);
        Assert.Equal("out-of-process", json.RootElement.GetProperty("mode").GetString());
        Assert.StartsWith("c0ffee00", json.RootElement.GetProperty("reportData").GetString(), StringComparison.Ordinal);
        var quote = Confcom.Sgx.Quotes.Quote.Parse(File.ReadAllBytes(output));
        Assert.Equal(json.RootElement.GetProperty("size").GetInt32(), quote.Length);
    }

    [Fact]
    public async Task Concurrent_apps_each_get_their_own_quote()
    {
        await using var helper = await RunningQuoteHelper.StartAsync();
        var client = new QuoteClient(new QuoteClientOptions { Mode = QuotingMode.OutOfProcess, AesmSocketPath = helper.SocketPath });
        var app = new SampleEnclaveApp(helper.Enclave.Platform);
        var reportData = Enumerable.Range(0, 8).Select(i => Enumerable.Repeat((byte)(i + 1), 64).ToArray()).ToArray();

        var results = await Task.WhenAll(reportData.Select(data => Task.Run(() => app.GetQuoteAsync(client, data, CancellationToken.None))));

        for (var i = 0; i < reportData.Length; i++)
        {
            Assert.Equal(reportData[i], Confcom.Sgx.Quotes.Quote.Parse(results[i].Quote).Body.Sgx!.ReportData.ToArray());
        }
    }

    [Fact]
    public async Task In_process_and_out_of_process_quotes_differ_only_in_the_signature()
    {
        await using var helper = await RunningQuoteHelper.StartAsync();
        var app = new SampleEnclaveApp(helper.Enclave.Platform);
        var reportData = RandomNumberGenerator.GetBytes(64);
        var inProcess = new QuoteClient(new QuoteClientOptions { Mode = QuotingMode.InProcess, InProcessEnclave = helper.Enclave });
        var outOfProcess = new QuoteClient(new QuoteClientOptions { Mode = QuotingMode.OutOfProcess, AesmSocketPath = helper.SocketPath });

        var a = Confcom.Sgx.Quotes.Quote.Parse((await app.GetQuoteAsync(inProcess, reportData, CancellationToken.None)).Quote);
        var b = Confcom.Sgx.Quotes.Quote.Parse((await app.GetQuoteAsync(outOfProcess, reportData, CancellationToken.None)).Quote);

        Assert.Equal(a.Length, b.Length);
        Assert.Equal(a.SignedRegion.ToArray(), b.SignedRegion.ToArray());
        Assert.Equal(a.Signature.AttestationPublicKey.ToArray(), b.Signature.AttestationPublicKey.ToArray());
        Assert.Equal(a.PckCertificateChainPem, b.PckCertificateChainPem);
    }
}
