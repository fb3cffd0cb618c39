using Confcom.Attestation.Appraisal;
using Confcom.Attestation.Tests.Verification;
using Confcom.Attestation.Verification;
using Confcom.Sgx.Collateral;

namespace Confcom.Attestation.Tests.Appraisal;

/// <summary>The policy document: every key read, unknown keys and wrong types refused with the JSON path.</summary>
public class AppraisalPolicyJsonTests
{
    [Fact]
    public void SgxExampleFromTheDocsReadsEveryKey()
    {
        var policy = AppraisalPolicy.Parse("""
            {
              "version": 1,
              "description": "key-release service, production enclave",
              "acceptedTcbStatuses": ["UpToDate", "SWHardeningNeeded", "TDRelaunchAdvised"],
              "rejectedAdvisoryIds": ["INTEL-SA-00334"],
              "allowedAdvisoryIds": ["INTEL-SA-00615"],
              "minTcbEvaluationDataNumber": 17,
              "allowExpiredCollateral": false,
              "allowNotYetValidCollateral": false,
              "maxCollateralAgeSeconds": 2592000,
              "allowDebug": false,
              "reportDataSha256Of": "00ff",
              "sgx": {
                "mrEnclave": ["33d8736db756ed4997e04ba358d27833188f1932ff7b1d156904d3f560452fbb"],
                "mrSigner": ["0000000000000000000000000000000000000000000000000000000000000001"],
                "isvProdId": 3, "minIsvSvn": 9,
                "isvExtProdId": "00000000000000000000000000000000", "isvFamilyId": "00000000000000000000000000000000",
                "configId": "{{new string('0', 128)}}", "minConfigSvn": 1
              }
            }
            """.Replace("{{new string('0', 128)}}", new string('0', 128), StringComparison.Ordinal));
        Assert.Equal([TcbStatus.UpToDate, TcbStatus.SWHardeningNeeded, TcbStatus.TdRelaunchAdvised], policy.AcceptedTcbStatuses);
        Assert.Equal(["INTEL-SA-00334"], policy.RejectedAdvisoryIds);
        Assert.Equal(17, policy.MinTcbEvaluationDataNumber);
        Assert.Equal(TimeSpan.FromDays(30), policy.MaxCollateralAge);
        Assert.Equal((ushort)9, policy.Sgx!.MinIsvSvn);
        Assert.Equal((ushort)1, policy.Sgx.MinConfigSvn);
        Assert.Null(policy.Tdx);
    }

    [Fact]
    public void TdxExampleAppliesToTheRealSample()
    {
        var quote = Samples.TdxQuote();
        var mrTd = Convert.ToHexString(quote.AsSpan(48 + 136, 48));
        var policy = AppraisalPolicy.Parse($$"""
            { "acceptedTcbStatuses": ["UpToDate"], "tdx": { "mrTd": ["{{mrTd}}"], "rtmr3": "{{new string('0', 96)}}", "minTeeTcbSvn": "06010300000000000000000000000000" } }
            """);
        var result = new QuoteVerifier(new QuoteVerifierOptions { Policy = policy }).Verify(quote, Samples.TdxCollateral(), Samples.TdxTime);
        Assert.True(result.IsAccepted, result.Appraisal.Summary);
        Assert.Contains(result.Appraisal.Checks, c => c.Name == "tdx.rtmr3" && c.Passed);
    }

    [Theory]
    [InlineData("""{ "sgx": { "mrenclave": [] } }""", "sgx.mrenclave is not a policy key")]
    [InlineData("""{ "acceptedTcbStatuses": "UpToDate" }""", "acceptedTcbStatuses must be an array")]
    [InlineData("""{ "acceptedTcbStatuses": ["Fine"] }""", "acceptedTcbStatuses[0] 'Fine' is not a TCB status")]
    [InlineData("""{ "acceptedTcbStatuses": ["Revoked"] }""", "Revoked cannot be accepted")]
    [InlineData("""{ "allowDebug": "no" }""", "allowDebug must be true or false")]
    [InlineData("""{ "sgx": { "isvProdId": 70000 } }""", "sgx.isvProdId must be an integer in 0..65535")]
    [InlineData("""{ "tdx": { "rtmr0": "00" } }""", "tdx.rtmr0: expected 48 bytes")]
    [InlineData("""{ "maxCollateralAgeSeconds": -1 }""", "maxCollateralAgeSeconds must be an integer")]
    [InlineData("""{ "version": 2 }""", "version must be an integer in 1..1")]
    [InlineData("""[]""", "the document must be a JSON object")]
    [InlineData("""{ "sgx": """, "not valid JSON")]
    public void MalformedPoliciesNameThePath(string json, string message)
    {
        var ex = Assert.Throws<FormatException>(() => AppraisalPolicy.Parse(json, "p.json"));
        Assert.StartsWith("p.json: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }
}
