using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Confcom.Sgx.Structures;
using Confcom.Simulation.Enclaves;
using Confcom.Simulation.Quoting;

namespace Confcom.Simulation.Tests.Quoting;

public class QuoteLayoutTests(SimulatedNodeFixture node) : IClassFixture<SimulatedNodeFixture>
{
    private static readonly SimulatedEnclaveIdentity App = new()
    {
        MrEnclave = SHA256.HashData("app enclave"u8),
        MrSigner = SHA256.HashData("app signer"u8),
        IsvProdId = 7,
        IsvSvn = 3,
    };

    private static SgxReport AppReport(SimulatedQuotingEnclave qe, SimulatedEnclave app, byte[] reportData) =>
        app.CreateReport(qe.TargetInfo, reportData);

    [Fact]
    public async Task QuoteHasTheV3LayoutFieldByField()
    {
        using var qe = new SimulatedQuotingEnclave(node.Platform);
        var app = new SimulatedEnclave(node.Platform, App);
        var reportData = RandomNumberGenerator.GetBytes(64);
        var report = AppReport(qe, app, reportData);

        var quote = (await qe.GetQuoteAsync(report, null, CancellationToken.None)).Quote;
        var description = node.Platform.Description;

        Assert.Equal(3, BinaryPrimitives.ReadUInt16LittleEndian(quote.AsSpan(0)));
        Assert.Equal(2, BinaryPrimitives.ReadUInt16LittleEndian(quote.AsSpan(2)));
        Assert.Equal(0u, BinaryPrimitives.ReadUInt32LittleEndian(quote.AsSpan(4)));
        Assert.Equal(description.QeSvn, BinaryPrimitives.ReadUInt16LittleEndian(quote.AsSpan(8)));
        Assert.Equal(description.PceSvn, BinaryPrimitives.ReadUInt16LittleEndian(quote.AsSpan(10)));
        Assert.Equal("939A7233F79C4CA9940A0DB3957F0607", Convert.ToHexString(quote.AsSpan(12, 16)));
        Assert.Equal(description.QeId, quote.AsSpan(28, 16).ToArray());
        Assert.Equal(new byte[4], quote.AsSpan(44, 4).ToArray());
        Assert.Equal(report.Body.ToArray(), quote.AsSpan(48, 384).ToArray());
        Assert.Equal(reportData, quote.AsSpan(48 + 320, 64).ToArray());

        var signatureDataLength = BinaryPrimitives.ReadUInt32LittleEndian(quote.AsSpan(432));
        Assert.Equal(quote.Length - 436, (int)signatureDataLength);
        Assert.Equal(node.Platform.Node.AttestationPublicKey, quote.AsSpan(500, 64).ToArray());
        Assert.Equal(32, BinaryPrimitives.ReadUInt16LittleEndian(quote.AsSpan(1012)));
        Assert.Equal(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray(), quote.AsSpan(1014, 32).ToArray());
        Assert.Equal(5, BinaryPrimitives.ReadUInt16LittleEndian(quote.AsSpan(1046)));
        var certDataSize = (int)BinaryPrimitives.ReadUInt32LittleEndian(quote.AsSpan(1048));
        Assert.Equal(quote.Length, 1052 + certDataSize);
        Assert.Equal(0, quote[^1]);
        var pem = Encoding.ASCII.GetString(quote.AsSpan(1052, certDataSize - 1));
        Assert.Equal(node.Platform.PckCertificateChainPem, pem);

        Assert.Equal(await qe.GetQuoteSizeAsync(CancellationToken.None), (uint)quote.Length);

        // The shared codec reads it back and re-serialises it to the same bytes.
        var parsed = Confcom.Sgx.Quotes.Quote.Parse(quote);
        Assert.Equal(quote, parsed.ToArray());
        Assert.Equal(node.Platform.PckCertificateChainPem, parsed.PckCertificateChainPem);
    }

    [Fact]
    public async Task SignaturesVerifyWithAttestationKeyAndPckCertificate()
    {
        using var qe = new SimulatedQuotingEnclave(node.Platform);
        var app = new SimulatedEnclave(node.Platform, App);
        var quote = (await qe.GetQuoteAsync(AppReport(qe, app, new byte[64]), null, CancellationToken.None)).Quote;

        using var attestationKey = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = quote[500..532], Y = quote[532..564] },
        });
        Assert.True(attestationKey.VerifyData(quote.AsSpan(0, 432), quote.AsSpan(436, 64), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

        // The PCK certificate as the quote itself carries it (first PEM block of the certification data).
        var pem = Encoding.ASCII.GetString(quote.AsSpan(1052, quote.Length - 1053));
        using var pck = X509Certificate2.CreateFromPem(pem);
        Assert.Contains("SGX PCK Certificate", pck.Subject, StringComparison.Ordinal);
        using var pckKey = pck.GetECDsaPublicKey()!;
        Assert.True(pckKey.VerifyData(quote.AsSpan(564, 384), quote.AsSpan(948, 64), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

        // QE report binds the attestation key: report_data = SHA-256(key ‖ auth data) ‖ 32 zero bytes.
        var expected = SHA256.HashData([.. quote.AsSpan(500, 64), .. quote.AsSpan(1014, 32)]);
        Assert.Equal(expected, quote.AsSpan(564 + 320, 32).ToArray());
        Assert.Equal(new byte[32], quote.AsSpan(564 + 352, 32).ToArray());

        // Tampering with the signed region breaks the ISV signature.
        quote[48 + 320] ^= 1;
        Assert.False(attestationKey.VerifyData(quote.AsSpan(0, 432), quote.AsSpan(436, 64), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    [Fact]
    public async Task QeReportHasTheQe3IdentityTheCollateralDescribes()
    {
        using var qe = new SimulatedQuotingEnclave(node.Platform);
        var app = new SimulatedEnclave(node.Platform, App);
        var quote = (await qe.GetQuoteAsync(AppReport(qe, app, new byte[64]), null, CancellationToken.None)).Quote;
        var qeReport = SgxReportBody.Parse(quote.AsSpan(564, 384));
        Assert.Equal(IntelQuotingEnclave.ProductionMrSigner.ToArray(), qeReport.MrSigner.ToArray());
        Assert.Equal(IntelQuotingEnclave.ProdId, qeReport.IsvProdId);
        Assert.Equal(node.Platform.Description.QeSvn, qeReport.IsvSvn);
        Assert.False(qeReport.IsDebug);
        Assert.Equal(node.Platform.Description.CpuSvn, qeReport.CpuSvn.ToArray());
    }

    [Fact]
    public async Task InitReturnsTargetInfoAndPublicKeyId()
    {
        using var qe = new SimulatedQuotingEnclave(node.Platform);
        var target = await qe.InitAsync(CancellationToken.None);
        var expected = SHA256.HashData([.. node.Platform.Node.AttestationPublicKey, .. IntelQuotingEnclave.AuthenticationData]);
        Assert.Equal(expected, target.PublicKeyId);
        Assert.Equal(SimulatedQe3.MrEnclave.ToArray(), target.TargetInfo.MrEnclave.ToArray());
        Assert.Equal("simulated", qe.Name);
        Assert.True(qe.AttestationKeyId.Matches(SgxAttestationKeyId.DefaultEcdsaP256.Bytes));
    }

    [Fact]
    public async Task QeReportInfoBindsNonceAndQuoteAndIsMacedForTheApp()
    {
        using var qe = new SimulatedQuotingEnclave(node.Platform);
        var app = new SimulatedEnclave(node.Platform, App);
        var nonce = RandomNumberGenerator.GetBytes(16);
        var info = SgxQeReportInfo.Create(nonce, app.TargetInfo);

        var generated = await qe.GetQuoteAsync(AppReport(qe, app, new byte[64]), info, CancellationToken.None);

        var qeReport = generated.QeReportInfo!.QeReport;
        Assert.Equal(nonce, generated.QeReportInfo.Nonce);
        Assert.Equal(SHA256.HashData([.. nonce, .. generated.Quote]), qeReport.Body.ReportData[..32].ToArray());
        Assert.Equal(new byte[32], qeReport.Body.ReportData[32..].ToArray());
        Assert.True(app.VerifyReport(qeReport));
        var other = new SimulatedEnclave(node.Platform, App with { MrEnclave = SHA256.HashData("another app"u8) });
        Assert.False(other.VerifyReport(qeReport));
    }

    [Fact]
    public async Task ReportTargetedAtAnotherEnclaveIsInvalid()
    {
        using var qe = new SimulatedQuotingEnclave(node.Platform);
        var app = new SimulatedEnclave(node.Platform, App);
        var report = app.CreateReport(app.TargetInfo, new byte[64]);

        var error = await Assert.ThrowsAsync<Confcom.Aesm.Quoting.QuotingEnclaveException>(
            async () => await qe.GetQuoteAsync(report, null, CancellationToken.None));
        Assert.Equal(Confcom.Aesm.Quoting.AesmError.InvalidReport, error.Error);
        Assert.Equal(47u, (uint)error.Error);
    }

    [Fact]
    public async Task ReportWithBadMacOrAlteredBodyIsInvalid()
    {
        using var qe = new SimulatedQuotingEnclave(node.Platform);
        var app = new SimulatedEnclave(node.Platform, App);
        var bytes = AppReport(qe, app, new byte[64]).ToArray();
        var badMac = (byte[])bytes.Clone();
        badMac[SgxReport.MacOffset] ^= 0x80;
        var alteredBody = (byte[])bytes.Clone();
        alteredBody[320] ^= 0x01;

        foreach (var candidate in new[] { badMac, alteredBody })
        {
            var error = await Assert.ThrowsAsync<Confcom.Aesm.Quoting.QuotingEnclaveException>(
                async () => await qe.GetQuoteAsync(SgxReport.Parse(candidate), null, CancellationToken.None));
            Assert.Equal(Confcom.Aesm.Quoting.AesmError.InvalidReport, error.Error);
        }
    }

    [Fact]
    public async Task ReportFromAnotherSimulatedPlatformIsInvalid()
    {
        using var otherNode = new SimulatedNodeFixture();
        using var qe = new SimulatedQuotingEnclave(node.Platform);
        var foreignApp = new SimulatedEnclave(otherNode.Platform, App);
        var report = foreignApp.CreateReport(qe.TargetInfo, new byte[64]);

        var error = await Assert.ThrowsAsync<Confcom.Aesm.Quoting.QuotingEnclaveException>(
            async () => await qe.GetQuoteAsync(report, null, CancellationToken.None));
        Assert.Equal(Confcom.Aesm.Quoting.AesmError.InvalidReport, error.Error);
    }

    [Fact]
    public async Task ConcurrentQuotesAllVerify()
    {
        using var qe = new SimulatedQuotingEnclave(node.Platform);
        var app = new SimulatedEnclave(node.Platform, App);
        using var attestationKey = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = node.Platform.Node.AttestationPublicKey[..32], Y = node.Platform.Node.AttestationPublicKey[32..] },
        });
        var quotes = await Task.WhenAll(Enumerable.Range(0, 32).Select(i => Task.Run(async () =>
            (await qe.GetQuoteAsync(AppReport(qe, app, BitConverter.GetBytes(i)), null, CancellationToken.None)).Quote)));
        for (var i = 0; i < quotes.Length; i++)
        {
            Assert.Equal(BitConverter.GetBytes(i), quotes[i].AsSpan(48 + 320, 4).ToArray());
            Assert.True(attestationKey.VerifyData(quotes[i].AsSpan(0, 432), quotes[i].AsSpan(436, 64), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        }
    }
}
