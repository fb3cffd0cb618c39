using Confcom.Attestation.Collateral;
using Confcom.Attestation.Tests.Verification;
using Confcom.Attestation.Verification;
using Confcom.Sgx.Quotes;
using Confcom.TestData;
using Confcom.Sgx.Collateral;
using Confcom.Testing;

namespace Confcom.Attestation.Tests.Collateral;

public sealed class PcsCollateralSourceTests : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task FetchesTheSampleBundleOverHttpWithItsExactSignedText()
    {
        var sample = Samples.SgxCollateral();
        await using var server = await SamplePcsServer.StartAsync(sample, "00A067110000", "sgx");
        var source = new PcsCollateralSource(_http, new PcsCollateralSourceOptions { BaseAddress = server.BaseAddress });
        var request = CollateralRequest.ForQuote(Quote.Parse(Samples.SgxQuote()));

        Assert.Equal(new CollateralRequest("00A067110000", PckCaType.Processor, CollateralTee.Sgx), request);
        var fetched = (await source.GetCollateralAsync(request)).Collateral;

        Assert.Equal(sample.TcbInfo, fetched.TcbInfo);
        Assert.Equal(sample.QeIdentity, fetched.QeIdentity);
        Assert.Equal(sample.TcbInfoSignature, fetched.TcbInfoSignature);
        Assert.Equal(sample.PckCrl, fetched.PckCrl);
        Assert.Equal(sample.RootCaCrl, fetched.RootCaCrl);
        Assert.Equal(sample.PckCrlIssuerChain, fetched.PckCrlIssuerChain);
        Assert.Equal(sample.TcbInfoIssuerChain, fetched.TcbInfoIssuerChain);
        Assert.Equal(sample.QeIdentityIssuerChain, fetched.QeIdentityIssuerChain);
    }

    [Fact]
    public async Task VerifierFetchesTdxCollateralFromTheTdxPaths()
    {
        await using var server = await SamplePcsServer.StartAsync(Samples.TdxCollateral(), "B0C06F000000", "tdx");
        var source = new PcsCollateralSource(_http, new PcsCollateralSourceOptions { BaseAddress = new Uri(server.BaseAddress, "sgx/certification/v4/") });

        var result = await new QuoteVerifier().VerifyAsync(Samples.TdxQuote(), source, Samples.TdxTime);

        Assert.True(result.IsAccepted, result.FailureMessage);
        Assert.Equal(QuoteVerificationStatus.Ok, result.Status);
    }

    [Fact]
    public async Task WithoutRootCaCrlEndpointTheRootCrlComesOnlyFromTheNamedUrl()
    {
        var sample = Samples.SgxCollateral();
        await using var server = await SamplePcsServer.StartAsync(sample, "00A067110000", "sgx", likeIntelPcs: true);
        var request = new CollateralRequest("00A067110000", PckCaType.Processor, CollateralTee.Sgx);

        // No silent fallback to Intel's public distribution point: the failure names the endpoint and the way out.
        var ex = await Assert.ThrowsAsync<CollateralUnavailableException>(() =>
            new PcsCollateralSource(_http, new PcsCollateralSourceOptions { BaseAddress = server.BaseAddress }).GetCollateralAsync(request));
        Assert.Contains("rootcacrl", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--root-ca-crl-url", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Seen, r => r.PathAndQuery.Contains("IntelSGXRootCA", StringComparison.Ordinal));

        var source = new PcsCollateralSource(_http, new PcsCollateralSourceOptions
        {
            BaseAddress = server.BaseAddress,
            RootCaCrlUrl = new Uri(server.BaseAddress, "IntelSGXRootCA.der"),
        });
        var fetched = await source.GetCollateralAsync(request);

        Assert.Equal(sample.RootCaCrl, fetched.Collateral.RootCaCrl);
    }

    [Fact]
    public void CrlsAreAcceptedAsDerPemOrHex()
    {
        var der = Samples.SgxCollateral().RootCaCrl;
        var pem = "-----BEGIN X509 CRL-----\n" + Convert.ToBase64String(der, Base64FormattingOptions.InsertLineBreaks) + "\n-----END X509 CRL-----\n";
        Assert.Equal(der, CrlEncoding.ToDer(der, "der"));
        Assert.Equal(der, CrlEncoding.ToDer(System.Text.Encoding.ASCII.GetBytes(pem), "pem"));
        Assert.Equal(der, CrlEncoding.ToDer(System.Text.Encoding.ASCII.GetBytes(Convert.ToHexStringLower(der) + "\n"), "hex"));
        var ex = Assert.Throws<FormatException>(() => CrlEncoding.ToDer("not a crl"u8, "https://pccs/rootcacrl"));
        Assert.Contains("https://pccs/rootcacrl", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownFmspcNamesTheUrlAndStatus()
    {
        await using var server = await SamplePcsServer.StartAsync(Samples.SgxCollateral(), "00A067110000", "sgx");
        var source = new PcsCollateralSource(_http, new PcsCollateralSourceOptions { BaseAddress = server.BaseAddress });

        var ex = await Assert.ThrowsAsync<CollateralUnavailableException>(() =>
            source.GetCollateralAsync(new CollateralRequest("00906ED50000", PckCaType.Processor, CollateralTee.Sgx)));

        Assert.Contains("tcb?fmspc=00906ED50000", ex.Message);
        Assert.Contains("HTTP 404", ex.Message);
    }

    [Fact]
    public async Task UnreachableServerNamesTheUrl()
    {
        Uri address;
        await using (var server = await SamplePcsServer.StartAsync(Samples.SgxCollateral(), "00A067110000", "sgx"))
        {
            address = server.BaseAddress;
        }
        var source = new PcsCollateralSource(_http, new PcsCollateralSourceOptions { BaseAddress = address });

        var ex = await Assert.ThrowsAsync<CollateralUnavailableException>(() =>
            source.GetCollateralAsync(new CollateralRequest("00A067110000", PckCaType.Processor, CollateralTee.Sgx)));

        Assert.Contains(address.Authority, ex.Message);
        Assert.Contains("check --pcs", ex.Message);
    }

    [Fact]
    public async Task CacheServesFromMemoryAndDiskUntilNextUpdateThenRefetches()
    {
        var dir = Path.Combine("/tmp", "cc-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await using var server = await SamplePcsServer.StartAsync(Samples.SgxCollateral(), "00A067110000", "sgx");
            var pcs = new PcsCollateralSource(_http, new PcsCollateralSourceOptions { BaseAddress = server.BaseAddress });
            var clock = new FixedTimeProvider(Samples.SgxTime.AddDays(-1));
            var request = new CollateralRequest("00A067110000", PckCaType.Processor, CollateralTee.Sgx);

            var cache = new CachingCollateralSource(pcs, dir, clock);
            var first = await cache.GetCollateralAsync(request);
            var afterFirst = server.Requests;
            var second = await cache.GetCollateralAsync(request);
            Assert.Equal(afterFirst, server.Requests);
            Assert.Same(first.Collateral, second.Collateral);
            Assert.True(File.Exists(Path.Combine(dir, "sgx-processor-00A067110000.json")));

            // A new process (new cache object) finds the bundle on disk without asking the server.
            var restarted = new CachingCollateralSource(pcs, dir, clock);
            var fromDisk = await restarted.GetCollateralAsync(request);
            Assert.Equal(afterFirst, server.Requests);
            Assert.Equal(first.Collateral.TcbInfo, fromDisk.Collateral.TcbInfo);
            Assert.False(fromDisk.IsStale);

            // Past nextUpdate the entry is refetched.
            clock.Now = Samples.SgxTime.AddDays(40);
            var refreshed = await restarted.GetCollateralAsync(request);
            Assert.True(server.Requests > afterFirst);
            Assert.False(refreshed.IsStale);

            // ...and when the refetch fails, the stale entry is served and flagged.
            server.Unavailable = true;
            var stale = await restarted.GetCollateralAsync(request);
            Assert.True(stale.IsStale);
            Assert.Equal(first.Collateral.TcbInfo, stale.Collateral.TcbInfo);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task CacheWithoutAnEntryReportsTheSourceFailure()
    {
        await using var server = await SamplePcsServer.StartAsync(Samples.SgxCollateral(), "00A067110000", "sgx");
        server.Unavailable = true;
        var cache = new CachingCollateralSource(new PcsCollateralSource(_http, new PcsCollateralSourceOptions { BaseAddress = server.BaseAddress }));

        var ex = await Assert.ThrowsAsync<CollateralUnavailableException>(() =>
            cache.GetCollateralAsync(new CollateralRequest("00A067110000", PckCaType.Processor, CollateralTee.Sgx)));
        Assert.Contains("HTTP 503", ex.Message);
    }

    [Fact]
    public async Task FileSourceReadsTheBundleAndNamesAMissingFile()
    {
        var source = new FileCollateralSource(SampleQuoteFiles.Path("sgx_quote_collateral.json"));
        var request = new CollateralRequest("00A067110000", PckCaType.Processor, CollateralTee.Sgx);
        Assert.Equal(Samples.SgxCollateral().TcbInfo, (await source.GetCollateralAsync(request)).Collateral.TcbInfo);

        var missing = new FileCollateralSource("/tmp/cc-does-not-exist.json");
        var ex = await Assert.ThrowsAsync<CollateralUnavailableException>(() => missing.GetCollateralAsync(request));
        Assert.Contains("/tmp/cc-does-not-exist.json", ex.Message);
    }

    [Fact]
    public void SignedJsonBodyKeepsTheRawInnerText()
    {
        // Whitespace and key order inside the object must survive: they are what the signature covers.
        var body = "{\"tcbInfo\":{\"b\":1,  \"a\":[1, 2]},\"signature\":\"" + new string('0', 128) + "\"}";
        var (text, signature) = SignedJsonBody.Split(System.Text.Encoding.UTF8.GetBytes(body), "tcbInfo", "test");
        Assert.Equal("{\"b\":1,  \"a\":[1, 2]}", text);
        Assert.Equal(64, signature.Length);
    }
}
