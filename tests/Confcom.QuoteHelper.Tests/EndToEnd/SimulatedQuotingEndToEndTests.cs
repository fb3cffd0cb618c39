using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Confcom.Aesm.Client;
using Confcom.Aesm.Quoting;
using Confcom.QuoteHelper.Tests.Support;
using Confcom.Testing;
using Confcom.Sgx.Quotes;
using Confcom.Sgx.Structures;

namespace Confcom.QuoteHelper.Tests.EndToEnd;

/// <summary>
/// Our client, our server over a real Unix socket, the simulated QE3: the call sequence DCAP's out-of-proc
/// wrapper makes, and every cryptographic binding a verifier relies on, checked with System.Security.Cryptography.
/// </summary>
public class SimulatedQuotingEndToEndTests : IClassFixture<SimulatedNode>
{
    private static readonly byte[] Key = SgxAttestationKeyId.DefaultEcdsaP256.ToArray();
    private readonly SimulatedNode _node;

    public SimulatedQuotingEndToEndTests(SimulatedNode node) => _node = node;

    [Fact]
    public async Task DCAP_call_sequence_yields_a_quote_that_verifies_to_the_simulated_root()
    {
        await using var server = await RunningServer.StartAsync(_node.Enclave);
        var client = server.Client();

        // 1-2: init without and with the key id buffer (sgx_qe_get_target_info out-of-proc).
        var init = await client.InitQuoteExAsync(Key, wantPubKeyId: false, bufSize: null);
        Assert.Equal(0u, init.ErrorCode);
        Assert.Equal(32ul, init.PubKeyIdSize);
        Assert.Null(init.PubKeyId);
        var initWithId = await client.InitQuoteExAsync(Key, wantPubKeyId: true, bufSize: init.PubKeyIdSize);
        Assert.Equal(init.TargetInfo, initWithId.TargetInfo);
        var pubKeyId = initWithId.PubKeyId!;
        Assert.Equal(32, pubKeyId.Length);

        // 3: size; 4: the app's REPORT for the QE's target info, then the quote.
        var size = (await client.GetQuoteSizeExAsync(Key)).QuoteSize!.Value;
        var reportData = SHA512.HashData("end-to-end nonce"u8);
        var report = _node.App.CreateReport(SgxTargetInfo.Parse(init.TargetInfo), reportData);
        var result = await client.GetQuoteExAsync(report.ToArray(), Key, null, size);
        Assert.Equal(0u, result.ErrorCode);
        Assert.Equal((int)size, result.Quote!.Length);

        var quote = Quote.Parse(result.Quote);
        Assert.Equal((int)size, quote.Length);
        Assert.Equal(3, quote.Header.Version);
        Assert.Equal(IntelQuotingEnclave.VendorId.ToArray(), quote.Header.QeVendorId.ToArray());
        Assert.Equal(report.Body.ToArray(), quote.Body.Sgx!.ToArray());
        Assert.Equal(reportData, quote.Body.Sgx.ReportData.ToArray());

        // ISV signature over header ‖ body with the attestation key carried in the quote.
        var attestationKey = quote.Signature.AttestationPublicKey.ToArray();
        using (var ecdsa = EcdsaFromRaw(attestationKey))
        {
            Assert.True(ecdsa.VerifyData(quote.SignedRegion.Span, quote.Signature.IsvSignature.Span, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        }

        // QE report: signed by the PCK key; report_data = SHA-256(attestation key ‖ auth data) ‖ zeros = pub_key_id.
        var qe = quote.Signature.QeReportCertificationData;
        var chain = ParseChain(quote.PckCertificateChainPem!);
        using (var pckKey = chain[0].GetECDsaPublicKey()!)
        {
            Assert.True(pckKey.VerifyData(qe.QeReport.Bytes, qe.QeReportSignature.Span, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        }
        var expectedId = SHA256.HashData([.. attestationKey, .. qe.AuthenticationData.Span]);
        Assert.Equal(expectedId, qe.QeReport.ReportData[..32].ToArray());
        Assert.All(qe.QeReport.ReportData[32..].ToArray(), b => Assert.Equal(0, b));
        Assert.Equal(expectedId, pubKeyId);
        Assert.Equal(IntelQuotingEnclave.AuthenticationData.ToArray(), qe.AuthenticationData.ToArray());

        // PCK leaf → PCK Platform CA → simulated root, trusted explicitly (never the system store).
        using var x509 = new X509Chain();
        x509.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        x509.ChainPolicy.CustomTrustStore.Add(_node.Platform.Root.Root.Certificate);
        x509.ChainPolicy.ExtraStore.AddRange(chain[1..]);
        x509.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(x509.Build(chain[0]), string.Join("; ", x509.ChainStatus.Select(s => s.StatusInformation)));
        Assert.Equal(_node.Platform.Root.Root.Certificate.Thumbprint, x509.ChainElements[^1].Certificate.Thumbprint);
    }

    [Fact]
    public async Task Padded_quote_trims_to_the_same_quote()
    {
        await using var server = await RunningServer.StartAsync(_node.Enclave);
        var client = server.Client();
        var init = await client.InitQuoteExAsync(Key, false, null);
        var size = (await client.GetQuoteSizeExAsync(Key)).QuoteSize!.Value;
        var report = _node.App.CreateReport(SgxTargetInfo.Parse(init.TargetInfo), new byte[64]);
        var result = await client.GetQuoteExAsync(report.ToArray(), Key, null, size + 1000);
        Assert.Equal((int)size + 1000, result.Quote!.Length);
        Assert.All(result.Quote[(int)size..], b => Assert.Equal(0, b));
        Assert.Equal((int)size, Quote.Parse(result.Quote, allowZeroPadding: true).Length);
    }

    [Fact]
    public async Task QE_report_for_the_app_is_targeted_at_it_and_binds_nonce_and_quote()
    {
        await using var server = await RunningServer.StartAsync(_node.Enclave);
        var client = server.Client();
        var init = await client.InitQuoteExAsync(Key, false, null);
        var size = (await client.GetQuoteSizeExAsync(Key)).QuoteSize!.Value;
        var report = _node.App.CreateReport(SgxTargetInfo.Parse(init.TargetInfo), new byte[64]);
        var nonce = RandomNumberGenerator.GetBytes(16);
        var info = SgxQeReportInfo.Create(nonce, _node.App.TargetInfo);

        var result = await client.GetQuoteExAsync(report.ToArray(), Key, info.ToArray(), size);
        Assert.Equal(0u, result.ErrorCode);
        var returned = SgxQeReportInfo.Parse(result.QeReportInfo);
        Assert.Equal(nonce, returned.Nonce);
        Assert.Equal(_node.App.TargetInfo.ToArray(), returned.AppEnclaveTargetInfo.ToArray());

        var qeReport = returned.QeReport;
        Assert.True(_node.App.VerifyReport(qeReport), "the QE report's MAC must verify for the app enclave it targets");
        var quoteLength = Quote.Parse(result.Quote!, allowZeroPadding: true).Length;
        var expected = SHA256.HashData([.. nonce, .. result.Quote![..quoteLength]]);
        Assert.Equal(expected, qeReport.Body.ReportData[..32].ToArray());
        Assert.All(qeReport.Body.ReportData[32..].ToArray(), b => Assert.Equal(0, b));
    }

    [Fact]
    public async Task Report_whose_MAC_does_not_verify_is_AESM_INVALID_REPORT()
    {
        await using var server = await RunningServer.StartAsync(_node.Enclave);
        var client = server.Client();
        var init = await client.InitQuoteExAsync(Key, false, null);
        var size = (await client.GetQuoteSizeExAsync(Key)).QuoteSize!.Value;

        var tampered = _node.App.CreateReport(SgxTargetInfo.Parse(init.TargetInfo), new byte[64]).ToArray();
        tampered[SgxReport.MacOffset] ^= 0x01;
        Assert.Equal((uint)AesmError.InvalidReport, (await client.GetQuoteExAsync(tampered, Key, null, size)).ErrorCode);

        // A genuine report, but made for another enclave, not for the QE.
        var forApp = _node.App.CreateReport(_node.App.TargetInfo, new byte[64]);
        Assert.Equal((uint)AesmError.InvalidReport, (await client.GetQuoteExAsync(forApp.ToArray(), Key, null, size)).ErrorCode);

        var good = _node.App.CreateReport(SgxTargetInfo.Parse(init.TargetInfo), new byte[64]);
        Assert.Equal(0u, (await client.GetQuoteExAsync(good.ToArray(), Key, null, size)).ErrorCode);
    }

    private static ECDsa EcdsaFromRaw(byte[] xy) => ECDsa.Create(new ECParameters
    {
        Curve = ECCurve.NamedCurves.nistP256,
        Q = new ECPoint { X = xy[..32], Y = xy[32..] },
    });

    private static X509Certificate2[] ParseChain(string pem)
    {
        var collection = new X509Certificate2Collection();
        collection.ImportFromPem(pem.TrimEnd('\0'));
        return [.. collection];
    }
}
