using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Confcom.Simulation.Collateral;
using Confcom.Simulation.Pcs;
using Confcom.Simulation.Tests.Collateral;
using Confcom.Testing;

namespace Confcom.Simulation.Tests.Pcs;

public sealed class SimulatedPcsServerTests(SimulatedNodeFixture node) : IClassFixture<SimulatedNodeFixture>
{
    private const string Base = "/sgx/certification/v4";

    private async Task<(RunningPcs Server, HttpClient Client)> Start(CollateralScenario scenario = CollateralScenario.UpToDate)
    {
        var server = await RunningPcs.StartAsync(node.Platform, o => o.Scenario = scenario);
        Assert.NotEqual(0, server.BaseAddress.Port);
        return (server, new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) });
    }

    private static List<X509Certificate2> ChainHeader(HttpResponseMessage response, string header)
    {
        var pem = Uri.UnescapeDataString(Assert.Single(response.Headers.GetValues(header)));
        var collection = new X509Certificate2Collection();
        collection.ImportFromPem(pem);
        return [.. collection];
    }

    [Fact]
    public async Task PckCertEndpointServesTheLeafWithIssuerChainAndTcbHeaders()
    {
        var (server, client) = await Start();
        await using var _ = server;
        using var __ = client;
        var description = node.Platform.Description;
        using var response = await client.GetAsync($"{Base}/pckcert?encrypted_ppid=00&cpusvn={Convert.ToHexString(description.CpuSvn)}&pcesvn=0d00&pceid=0000");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var leaf = X509Certificate2.CreateFromPem(await response.Content.ReadAsStringAsync());
        Assert.Equal(node.Platform.Node.Pck.Certificate.RawData, leaf.RawData);
        var chain = ChainHeader(response, "SGX-PCK-Certificate-Issuer-Chain");
        Assert.Equal(node.Platform.Root.PckPlatformCa.Certificate.RawData, chain[0].RawData);
        Assert.Equal(node.Platform.Root.Root.Certificate.RawData, chain[1].RawData);
        Assert.Equal(Convert.ToHexString(description.Fmspc), Assert.Single(response.Headers.GetValues("SGX-FMSPC")));
        Assert.Equal("platform", Assert.Single(response.Headers.GetValues("SGX-PCK-Certificate-CA-Type")));
        var tcbm = Convert.FromHexString(Assert.Single(response.Headers.GetValues("SGX-TCBm")));
        Assert.Equal(description.CpuSvn, tcbm[..16]);
        Assert.Equal(description.PceSvn, BitConverter.ToUInt16(tcbm, 16));

        using var wrongPce = await client.GetAsync($"{Base}/pckcert?encrypted_ppid=00&cpusvn=00&pcesvn=0000&pceid=BEEF");
        Assert.Equal(HttpStatusCode.NotFound, wrongPce.StatusCode);
    }

    [Fact]
    public async Task TcbEndpointServesSignedTcbInfoForOurFmspcAnd404ForOthers()
    {
        var (server, client) = await Start(CollateralScenario.OutOfDate);
        await using var _ = server;
        using var __ = client;
        var fmspc = Convert.ToHexString(node.Platform.Description.Fmspc);
        using var response = await client.GetAsync($"{Base}/tcb?fmspc={fmspc.ToLowerInvariant()}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(body);
        var text = document.RootElement.GetProperty("tcbInfo").GetRawText();
        var signature = Convert.FromHexString(document.RootElement.GetProperty("signature").GetString()!);
        var chain = ChainHeader(response, "TCB-Info-Issuer-Chain");
        Assert.Contains("SGX TCB Signing", chain[0].Subject, StringComparison.Ordinal);
        using var key = chain[0].GetECDsaPublicKey()!;
        Assert.True(key.VerifyData(Encoding.UTF8.GetBytes(text), signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        Assert.Equal("OutOfDate", document.RootElement.GetProperty("tcbInfo").GetProperty("tcbLevels")[1].GetProperty("tcbStatus").GetString());

        using var unknown = await client.GetAsync($"{Base}/tcb?fmspc=00906ED50000");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("FMSPC", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var bad = await client.GetAsync($"{Base}/tcb?fmspc=xyz");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task QeIdentityEndpointServesSignedIdentity()
    {
        var (server, client) = await Start();
        await using var _ = server;
        using var __ = client;
        using var response = await client.GetAsync($"{Base}/qe/identity");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var identity = document.RootElement.GetProperty("enclaveIdentity");
        Assert.Equal("QE", identity.GetProperty("id").GetString());
        var chain = ChainHeader(response, "SGX-Enclave-Identity-Issuer-Chain");
        using var key = chain[0].GetECDsaPublicKey()!;
        Assert.True(key.VerifyData(Encoding.UTF8.GetBytes(identity.GetRawText()),
            Convert.FromHexString(document.RootElement.GetProperty("signature").GetString()!), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    [Fact]
    public async Task PckCrlEndpointServesDerAndPemSignedByThePlatformCa()
    {
        var (server, client) = await Start(CollateralScenario.RevokedPck);
        await using var _ = server;
        using var __ = client;

        using var der = await client.GetAsync($"{Base}/pckcrl?ca=platform&encoding=der");
        Assert.Equal(HttpStatusCode.OK, der.StatusCode);
        var chain = ChainHeader(der, "SGX-PCK-CRL-Issuer-Chain");
        var crl = CrlReader.Parse(await der.Content.ReadAsByteArrayAsync());
        Assert.True(crl.IsSignedBy(chain[0]));
        Assert.Single(crl.RevokedSerials);

        using var pem = await client.GetAsync($"{Base}/pckcrl?ca=platform");
        var pemText = await pem.Content.ReadAsStringAsync();
        var fields = PemEncoding.Find(pemText);
        Assert.Equal("X509 CRL", pemText[fields.Label]);
        var fromPem = CrlReader.Parse(Convert.FromBase64String(pemText[fields.Base64Data]));
        Assert.True(fromPem.IsSignedBy(node.Platform.Root.PckPlatformCa.Certificate));

        using var processor = await client.GetAsync($"{Base}/pckcrl?ca=processor");
        Assert.Equal(HttpStatusCode.NotFound, processor.StatusCode);
        using var missing = await client.GetAsync($"{Base}/pckcrl");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
    }

    [Fact]
    public async Task RootCaCrlEndpointServesHexOfTheRootSignedCrl()
    {
        var (server, client) = await Start();
        await using var _ = server;
        using var __ = client;
        var hex = await client.GetStringAsync($"{Base}/rootcacrl");
        var crl = CrlReader.Parse(Convert.FromHexString(hex.Trim()));
        Assert.True(crl.IsSignedBy(node.Platform.Root.Root.Certificate));
    }

    [Fact]
    public async Task TdxPathsAnswer404WithAReason()
    {
        var (server, client) = await Start();
        await using var _ = server;
        using var __ = client;
        using var response = await client.GetAsync("/tdx/certification/v4/tcb?fmspc=00C0FFEE0000");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("SGX platforms only", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServedCollateralFollowsThePlatformClock()
    {
        using var dir = new TempDirectory();
        var clock = new FixedTimeProvider(new DateTimeOffset(2031, 5, 6, 7, 8, 9, TimeSpan.Zero));
        using var platform = Confcom.Simulation.Platform.SimulatedPlatform.OpenOrCreate(dir.File("node"), timeProvider: clock);
        await using var server = await RunningPcs.StartAsync(platform, o => o.Validity = TimeSpan.FromDays(2));
        using var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        using var first = JsonDocument.Parse(await client.GetStringAsync($"{Base}/qe/identity"));
        Assert.Equal("2031-05-06T07:08:09Z", first.RootElement.GetProperty("enclaveIdentity").GetProperty("issueDate").GetString());
        Assert.Equal("2031-05-08T07:08:09Z", first.RootElement.GetProperty("enclaveIdentity").GetProperty("nextUpdate").GetString());

        clock.Now = clock.Now.AddDays(10);
        var crl = CrlReader.Parse(await client.GetByteArrayAsync($"{Base}/pckcrl?ca=platform&encoding=der"));
        Assert.Equal(clock.Now, crl.ThisUpdate);
        Assert.Equal(clock.Now.AddDays(2), crl.NextUpdate);
    }

    [Fact]
    public async Task ConcurrentRequestsAllGetValidSignatures()
    {
        await using var server = await RunningPcs.StartAsync(node.Platform);
        using var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var fmspc = Convert.ToHexString(node.Platform.Description.Fmspc);
        var bodies = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => client.GetStringAsync($"{Base}/tcb?fmspc={fmspc}")));
        using var key = node.Platform.Root.TcbSigning.Certificate.GetECDsaPublicKey()!;
        foreach (var body in bodies)
        {
            using var document = JsonDocument.Parse(body);
            Assert.True(key.VerifyData(Encoding.UTF8.GetBytes(document.RootElement.GetProperty("tcbInfo").GetRawText()),
                Convert.FromHexString(document.RootElement.GetProperty("signature").GetString()!), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        }
    }
}
