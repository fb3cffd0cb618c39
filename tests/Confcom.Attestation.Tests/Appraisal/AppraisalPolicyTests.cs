using System.Security.Cryptography;
using Confcom.Attestation.Appraisal;
using Confcom.Attestation.Tests.Simulated;
using Confcom.Attestation.Tests.Verification;
using Confcom.Attestation.Verification;
using Confcom.Sgx.Collateral;
using Confcom.Sgx.Quotes;
using Confcom.Simulation.Collateral;
using Confcom.Simulation.Enclaves;

namespace Confcom.Attestation.Tests.Appraisal;

/// <summary>
/// Every policy check, passing and failing, on the real samples (expected values read from the quote bytes at the
/// offsets of spec §3) and on simulated quotes whose enclave identity the test chooses.
/// </summary>
public sealed class AppraisalPolicyTests(SimulatedNode node) : IClassFixture<SimulatedNode>
{
    private static QuoteVerificationResult RealSgx(AppraisalPolicy policy, DateTimeOffset? at = null) =>
        new QuoteVerifier(new QuoteVerifierOptions { Policy = policy }).Verify(Samples.SgxQuote(), Samples.SgxCollateral(), at ?? Samples.SgxTime);

    private static QuoteVerificationResult RealTdx(AppraisalPolicy policy) =>
        new QuoteVerifier(new QuoteVerifierOptions { Policy = policy }).Verify(Samples.TdxQuote(), Samples.TdxCollateral(), Samples.TdxTime);

    /// <summary>Accepted, and the named check is present and passed.</summary>
    private static void Passes(QuoteVerificationResult result, string check)
    {
        Assert.True(result.IsAccepted, result.Appraisal.Summary + " " + result.FailureMessage);
        Assert.Contains(result.Appraisal.Checks, c => c.Name == check && c.Passed);
    }

    /// <summary>Intel's verdict stands, the policy refuses, and the named check is the one that failed.</summary>
    private static AppraisalCheck Fails(QuoteVerificationResult result, string check)
    {
        Assert.True(result.IsVerified, result.FailureMessage);
        Assert.False(result.IsAccepted);
        var failed = Assert.Single(result.Appraisal.FailedChecks);
        Assert.Equal(check, failed.Name);
        return failed;
    }

    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    [Fact]
    public void TcbStatusesDefaultAcceptsSwHardeningAndStrictRefusesIt()
    {
        Passes(RealSgx(AppraisalPolicy.Default), "acceptedTcbStatuses");
        var failed = Fails(RealSgx(AppraisalPolicy.Strict), "acceptedTcbStatuses");
        Assert.Equal("ConfigurationAndSWHardeningNeeded", failed.Actual);
        // Intel's status is the same under both policies.
        Assert.Equal(RealSgx(AppraisalPolicy.Default).Status, RealSgx(AppraisalPolicy.Strict).Status);
    }

    [Fact]
    public void RejectedAdvisory()
    {
        Passes(RealSgx(AppraisalPolicy.Default with { RejectedAdvisoryIds = ["INTEL-SA-00001"] }), "rejectedAdvisoryIds");
        var failed = Fails(RealSgx(AppraisalPolicy.Default with { RejectedAdvisoryIds = ["intel-sa-00615"] }), "rejectedAdvisoryIds");
        Assert.Contains("INTEL-SA-00615", failed.Actual, StringComparison.Ordinal);
    }

    [Fact]
    public void AllowedAdvisories()
    {
        Passes(RealSgx(AppraisalPolicy.Default with { AllowedAdvisoryIds = ["INTEL-SA-00289", "INTEL-SA-00615"] }), "allowedAdvisoryIds");
        Fails(RealSgx(AppraisalPolicy.Default with { AllowedAdvisoryIds = ["INTEL-SA-00289"] }), "allowedAdvisoryIds");
    }

    [Fact]
    public void MinTcbEvaluationDataNumber()
    {
        // Both documents of the sample carry tcbEvaluationDataNumber 17.
        Passes(RealSgx(AppraisalPolicy.Default with { MinTcbEvaluationDataNumber = 17 }), "minTcbEvaluationDataNumber");
        Assert.Equal("17", Fails(RealSgx(AppraisalPolicy.Default with { MinTcbEvaluationDataNumber = 18 }), "minTcbEvaluationDataNumber").Actual);
    }

    [Fact]
    public void ExpiredCollateral()
    {
        var later = Samples.SgxTime.AddYears(1);
        Fails(RealSgx(AppraisalPolicy.Default, later), "allowExpiredCollateral");
        Passes(RealSgx(AppraisalPolicy.Default with { AllowExpiredCollateral = true }, later), "allowExpiredCollateral");
    }

    [Fact]
    public void NotYetValidCollateralKeepsIntelsStatusAndIsRefusedUnlessAllowed()
    {
        // Before the sample's TCB Info was issued (2025-06-19): a wrong clock or --at.
        var early = new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var refused = RealSgx(AppraisalPolicy.Default, early);
        Assert.Equal(QuoteVerificationStatus.ConfigAndSwHardeningNeeded, refused.Status);
        Assert.Contains(refused.NotYetValidCollateral, i => i.Item.StartsWith("TCB Info", StringComparison.Ordinal));
        Fails(refused, "allowNotYetValidCollateral");
        Passes(RealSgx(AppraisalPolicy.Default with { AllowNotYetValidCollateral = true }, early), "allowNotYetValidCollateral");
    }

    [Fact]
    public void MaxCollateralAge()
    {
        // The oldest item is the Root CA CRL, issued 2025-03-20T11:21:57Z (openssl crl -text), 121 days before SgxTime.
        var result = RealSgx(AppraisalPolicy.Default with { MaxCollateralAge = TimeSpan.FromDays(200) });
        Assert.Equal(new DateTimeOffset(2025, 3, 20, 11, 21, 57, TimeSpan.Zero), result.OldestCollateralIssue);
        Passes(result, "maxCollateralAgeSeconds");
        Fails(RealSgx(AppraisalPolicy.Default with { MaxCollateralAge = TimeSpan.FromDays(30) }), "maxCollateralAgeSeconds");
    }

    [Fact]
    public void ReportDataExact()
    {
        var reportData = Hex(Samples.SgxQuote().AsSpan(48 + 320, 64));
        Passes(RealSgx(AppraisalPolicy.Default with { ReportData = reportData.ToUpperInvariant() }), "reportData");
        Fails(RealSgx(AppraisalPolicy.Default with { ReportData = new string('0', 128) }), "reportData");
    }

    [Fact]
    public async Task ReportDataSha256OfAKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var publicKey = key.ExportSubjectPublicKeyInfo();
        var quote = await node.QuoteAsync([.. SHA256.HashData(publicKey), .. new byte[32]]);
        var collateral = node.Collateral(CollateralScenario.UpToDate);

        Passes(node.Verifier(AppraisalPolicy.Default with { ReportDataSha256Of = Convert.ToHexString(publicKey) }).Verify(quote, collateral, node.VerifyAt), "reportDataSha256Of");
        Fails(node.Verifier(AppraisalPolicy.Default with { ReportDataSha256Of = Convert.ToHexString(publicKey[..^1]) }).Verify(quote, collateral, node.VerifyAt), "reportDataSha256Of");
    }

    [Fact]
    public void SgxMrEnclaveAndMrSignerOnTheRealSample()
    {
        var quote = Samples.SgxQuote();
        var mrEnclave = Hex(quote.AsSpan(48 + 64, 32));
        var mrSigner = Hex(quote.AsSpan(48 + 128, 32));
        Passes(RealSgx(AppraisalPolicy.Default with { Sgx = new() { MrEnclave = [new string('1', 64), mrEnclave] } }), "sgx.mrEnclave");
        Fails(RealSgx(AppraisalPolicy.Default with { Sgx = new() { MrEnclave = [new string('1', 64)] } }), "sgx.mrEnclave");
        Passes(RealSgx(AppraisalPolicy.Default with { Sgx = new() { MrSigner = [mrSigner] } }), "sgx.mrSigner");
        Assert.Equal(mrSigner, Fails(RealSgx(AppraisalPolicy.Default with { Sgx = new() { MrSigner = [new string('2', 64)] } }), "sgx.mrSigner").Actual);
    }

    private static readonly SimulatedEnclaveIdentity Kss = SimulatedNode.App with
    {
        IsvProdId = 7,
        IsvSvn = 12,
        IsvExtProdId = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray(),
        IsvFamilyId = Enumerable.Range(0x40, 16).Select(i => (byte)i).ToArray(),
        ConfigId = Enumerable.Range(0x80, 64).Select(i => (byte)i).ToArray(),
        ConfigSvn = 5,
    };

    private async Task<QuoteVerificationResult> Simulated(SgxEnclavePolicy sgx, SimulatedEnclaveIdentity? identity = null) =>
        node.Verifier(AppraisalPolicy.Default with { Sgx = sgx })
            .Verify(await node.QuoteAsync(new byte[64], identity ?? Kss), node.Collateral(CollateralScenario.UpToDate), node.VerifyAt);

    [Fact]
    public async Task SgxIdentityChecksOnASimulatedEnclaveWithChosenMeasurements()
    {
        Passes(await Simulated(new() { MrEnclave = [Hex(Kss.MrEnclave)] }), "sgx.mrEnclave");
        Passes(await Simulated(new() { MrSigner = [Hex(Kss.MrSigner)] }), "sgx.mrSigner");
        Passes(await Simulated(new() { IsvProdId = 7 }), "sgx.isvProdId");
        Assert.Equal("7", Fails(await Simulated(new() { IsvProdId = 8 }), "sgx.isvProdId").Actual);
        Passes(await Simulated(new() { MinIsvSvn = 12 }), "sgx.minIsvSvn");
        Fails(await Simulated(new() { MinIsvSvn = 13 }), "sgx.minIsvSvn");
    }

    [Fact]
    public async Task KssChecksOnASimulatedEnclave()
    {
        Passes(await Simulated(new() { IsvExtProdId = Convert.ToHexString(Kss.IsvExtProdId) }), "sgx.isvExtProdId");
        Fails(await Simulated(new() { IsvExtProdId = new string('0', 32) }), "sgx.isvExtProdId");
        Passes(await Simulated(new() { IsvFamilyId = Convert.ToHexString(Kss.IsvFamilyId) }), "sgx.isvFamilyId");
        Fails(await Simulated(new() { IsvFamilyId = new string('0', 32) }), "sgx.isvFamilyId");
        Passes(await Simulated(new() { ConfigId = Convert.ToHexString(Kss.ConfigId) }), "sgx.configId");
        Fails(await Simulated(new() { ConfigId = new string('0', 128) }), "sgx.configId");
        Passes(await Simulated(new() { MinConfigSvn = 5 }), "sgx.minConfigSvn");
        Fails(await Simulated(new() { MinConfigSvn = 6 }), "sgx.minConfigSvn");
    }

    [Fact]
    public async Task DebugSimulatedEnclave()
    {
        var debug = Kss.WithDebug(true);
        Assert.Equal("debug enclave (ATTRIBUTES.DEBUG)", Fails(await Simulated(new(), debug), "allowDebug").Actual);
        var allowed = node.Verifier(AppraisalPolicy.Default with { AllowDebug = true })
            .Verify(await node.QuoteAsync(new byte[64], debug), node.Collateral(CollateralScenario.UpToDate), node.VerifyAt);
        Passes(allowed, "allowDebug");
    }

    [Fact]
    public async Task SimulatedScenariosUnderTheDefaultPolicy()
    {
        foreach (var (scenario, accepted) in new[]
                 {
                     (CollateralScenario.UpToDate, true), (CollateralScenario.SWHardeningNeeded, true), (CollateralScenario.ConfigurationNeeded, true),
                     (CollateralScenario.OutOfDate, false), (CollateralScenario.OutOfDateQe, false),
                 })
        {
            var result = node.Verifier().Verify(await node.QuoteAsync(new byte[64]), node.Collateral(scenario), node.VerifyAt);
            Assert.True(result.IsVerified, $"{scenario}: {result.FailureMessage}");
            Assert.True(accepted == result.IsAccepted, $"{scenario}: {result.Appraisal.Summary}");
        }
    }

    [Fact]
    public void TeeTypeMustMatchTheOnlySection()
    {
        Passes(RealSgx(AppraisalPolicy.Default with { Sgx = new() }), "teeType");
        Assert.Equal("TDX", Fails(RealTdx(AppraisalPolicy.Default with { Sgx = new() }), "teeType").Actual);
        Passes(RealTdx(AppraisalPolicy.Default with { Tdx = new() }), "teeType");
        Fails(RealSgx(AppraisalPolicy.Default with { Tdx = new() }), "teeType");
    }

    [Fact]
    public void TdMeasurementsOnTheRealTdxSample()
    {
        // TD report body at 48 (spec §3.2): MRTD 136, MRCONFIGID 184, MROWNER 232, MROWNERCONFIG 280, RTMR0..3 from 328.
        var quote = Samples.TdxQuote();
        string At(int offset) => Hex(quote.AsSpan(48 + offset, 48));
        var other = new string('e', 96);
        var cases = new (string Check, Func<string, TdxTdPolicy> Policy, string Actual)[]
        {
            ("tdx.mrTd", v => new() { MrTd = [v] }, At(136)),
            ("tdx.mrConfigId", v => new() { MrConfigId = v }, At(184)),
            ("tdx.mrOwner", v => new() { MrOwner = v }, At(232)),
            ("tdx.mrOwnerConfig", v => new() { MrOwnerConfig = v }, At(280)),
            ("tdx.rtmr0", v => new() { Rtmr0 = v }, At(328)),
            ("tdx.rtmr1", v => new() { Rtmr1 = v }, At(328 + 48)),
            ("tdx.rtmr2", v => new() { Rtmr2 = v }, At(328 + 96)),
            ("tdx.rtmr3", v => new() { Rtmr3 = v }, At(328 + 144)),
        };
        foreach (var (check, policy, actual) in cases)
        {
            Passes(RealTdx(AppraisalPolicy.Default with { Tdx = policy(actual) }), check);
            Assert.Equal(actual, Fails(RealTdx(AppraisalPolicy.Default with { Tdx = policy(other) }), check).Actual);
        }
    }

    [Fact]
    public void MinTeeTcbSvnOnTheRealTdxSample()
    {
        // TEE_TCB_SVN of the sample: 06 01 03 00 ...
        Passes(RealTdx(AppraisalPolicy.Default with { Tdx = new() { MinTeeTcbSvn = "06010300000000000000000000000000" } }), "tdx.minTeeTcbSvn");
        Fails(RealTdx(AppraisalPolicy.Default with { Tdx = new() { MinTeeTcbSvn = "07000000000000000000000000000000" } }), "tdx.minTeeTcbSvn");
    }

    [Fact]
    public void DebugTdOnASyntheticTdxQuoteKeepsIntelsStatus()
    {
        // The real TDX sample rebuilt (v4, same body) with TD_ATTRIBUTES.DEBUG (bit 0 at body offset 120) set.
        var sample = Samples.TdxQuote();
        using var pki = new TestPki(Samples.TdxTime, sample);
        var quote = pki.RebuildAsVersion(sample, 4, body =>
        {
            var bytes = body.Bytes.ToArray();
            bytes[120] |= 1;
            return QuoteBody.From(TdReportBody.Parse(bytes));
        });
        var collateral = pki.Resign(Samples.TdxCollateral()) with { PckCertificateChain = null };
        QuoteVerificationResult Verify(AppraisalPolicy policy) =>
            new QuoteVerifier(new QuoteVerifierOptions { TrustAnchor = TrustAnchor.FromCertificate(pki.Root), Policy = policy }).Verify(quote, collateral, Samples.TdxTime);

        var refused = Verify(AppraisalPolicy.Default);
        Assert.Equal(QuoteVerificationStatus.Ok, refused.Status);
        Assert.True(refused.Td!.IsDebug);
        Assert.Equal("debug TD (TD_ATTRIBUTES.DEBUG)", Fails(refused, "allowDebug").Actual);
        Passes(Verify(AppraisalPolicy.Default with { AllowDebug = true }), "allowDebug");
    }

    [Fact]
    public void IntelFailureIsNeverAcceptedWhateverThePolicy()
    {
        var tampered = Samples.SgxQuote();
        tampered[436] ^= 1;
        var result = new QuoteVerifier(new QuoteVerifierOptions { Policy = AppraisalPolicy.Default with { AllowDebug = true, AllowExpiredCollateral = true } })
            .Verify(tampered, Samples.SgxCollateral(), Samples.SgxTime);
        Assert.False(result.IsAccepted);
        Assert.Equal("verification", Assert.Single(result.Appraisal.Checks).Name);
    }

    [Fact]
    public void MalformedPolicyIsRefusedWhenTheVerifierIsMade()
    {
        var ex = Assert.Throws<ArgumentException>(() => new QuoteVerifier(new QuoteVerifierOptions { Policy = AppraisalPolicy.Default with { Sgx = new() { MrEnclave = ["abc"] } } }));
        Assert.Contains("sgx.mrEnclave[0]", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new QuoteVerifier(new QuoteVerifierOptions { Policy = AppraisalPolicy.Default with { AcceptedTcbStatuses = [TcbStatus.Revoked] } }));
    }
}
