using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Confcom.Cli.Commands;
using Confcom.TestData;

namespace Confcom.Cli.Tests.Verify;

/// <summary><c>confcom verify</c> with an appraisal policy (file and flags), DER roots and trailing bytes, on the real samples.</summary>
public sealed class VerifyPolicyCommandTests : IDisposable
{
    private const string SgxAt = "1752919277";
    private const string TdxAt = "1752919234";
    private const string SgxMrEnclave = "33d8736db756ed4997e04ba358d27833188f1932ff7b1d156904d3f560452fbb";

    private readonly string _dir = Path.Combine("/tmp", "cc-" + Guid.NewGuid().ToString("N")[..8]);

    public VerifyPolicyCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Sample(string name) => SampleQuoteFiles.Path(name);

    private static string[] Sgx(params string[] more) =>
        [Sample("sgx_quote"), "--collateral", Sample("sgx_quote_collateral.json"), "--at", SgxAt, .. more];

    [Fact]
    public void JsonListsEveryPolicyCheckWithExpectedAndActual()
    {
        var (exit, text) = Run(Sgx("--json", "--mrenclave", SgxMrEnclave, "--min-isv-svn", "0"));

        Assert.Equal(0, exit);
        var json = JsonNode.Parse(text)!;
        Assert.True((bool)json["appraisal"]!["accepted"]!);
        Assert.Equal("SGX_QL_SUCCESS", (string)json["quote3Error"]!);
        var checks = json["appraisal"]!["checks"]!.AsArray();
        var mrEnclave = checks.Single(c => (string)c!["name"]! == "sgx.mrEnclave")!;
        Assert.True((bool)mrEnclave["passed"]!);
        Assert.Equal(SgxMrEnclave, (string)mrEnclave["actual"]!);
        Assert.Contains(SgxMrEnclave, (string)mrEnclave["expected"]!, StringComparison.Ordinal);
        var status = checks.Single(c => (string)c!["name"]! == "acceptedTcbStatuses")!;
        Assert.Equal("ConfigurationAndSWHardeningNeeded", (string)status["actual"]!);
    }

    [Fact]
    public void WrongMrEnclaveIsRefusedNamingTheCheck()
    {
        var other = new string('0', 64);
        var ex = Assert.Throws<CliException>(() => Run(Sgx("--mrenclave", other)));
        Assert.Equal(2, ex.ExitCode);
        Assert.Contains("sgx.mrEnclave: expected one of " + other, ex.Message, StringComparison.Ordinal);
        Assert.Contains("found " + SgxMrEnclave, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StrictRefusesSwHardeningNeededAndAcceptTcbStatusWidensAgain()
    {
        var ex = Assert.Throws<CliException>(() => Run(Sgx("--strict")));
        Assert.Contains("acceptedTcbStatuses: expected one of UpToDate, found ConfigurationAndSWHardeningNeeded", ex.Message, StringComparison.Ordinal);

        var (exit, _) = Run(Sgx("--accept-tcb-status", "UpToDate,ConfigurationAndSWHardeningNeeded"));
        Assert.Equal(0, exit);
    }

    [Fact]
    public void RejectedAdvisoryRefusesTheSample()
    {
        var ex = Assert.Throws<CliException>(() => Run(Sgx("--reject-advisory", "INTEL-SA-00615")));
        Assert.Contains("rejectedAdvisoryIds", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PolicyFileIsReadAndFlagsOverrideIt()
    {
        var policy = Path.Combine(_dir, "policy.json");
        File.WriteAllText(policy, $$"""
            {
              "version": 1,
              "acceptedTcbStatuses": ["UpToDate"],
              "sgx": { "mrEnclave": ["{{SgxMrEnclave}}"], "isvProdId": 0 }
            }
            """);
        var ex = Assert.Throws<CliException>(() => Run(Sgx("--policy", policy)));
        Assert.Contains("acceptedTcbStatuses", ex.Message, StringComparison.Ordinal);

        var (exit, _) = Run(Sgx("--policy", policy, "--accept-tcb-status", "ConfigurationAndSWHardeningNeeded"));
        Assert.Equal(0, exit);
    }

    [Fact]
    public void PolicyWithAnUnknownKeyIsUnusableInputNamingTheKey()
    {
        var policy = Path.Combine(_dir, "typo.json");
        File.WriteAllText(policy, """{ "sgx": { "mrEnclaves": [] } }""");
        var ex = Assert.Throws<CliException>(() => Run(Sgx("--policy", policy)));
        Assert.Equal(1, ex.ExitCode);
        Assert.Contains("sgx.mrEnclaves is not a policy key", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TdxMrTdFlagChecksTheTd()
    {
        var quote = File.ReadAllBytes(Sample("tdx_quote"));
        var mrTd = Convert.ToHexStringLower(quote.AsSpan(48 + 136, 48));
        var (exit, _) = Run(Sample("tdx_quote"), "--collateral", Sample("tdx_quote_collateral.json"), "--at", TdxAt, "--mrtd", mrTd);
        Assert.Equal(0, exit);

        var ex = Assert.Throws<CliException>(() =>
            Run(Sample("tdx_quote"), "--collateral", Sample("tdx_quote_collateral.json"), "--at", TdxAt, "--mrtd", new string('a', 96)));
        Assert.Contains("tdx.mrTd", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportDataSha256OfAFileIsChecked()
    {
        var quote = File.ReadAllBytes(Sample("sgx_quote"));
        var reportData = quote.AsSpan(48 + 320, 64).ToArray();
        // The sample's report data is not a hash of anything we know; a fresh file must not match it.
        var key = Path.Combine(_dir, "key.bin");
        File.WriteAllBytes(key, RandomNumberGenerator.GetBytes(65));
        var ex = Assert.Throws<CliException>(() => Run(Sgx("--report-data-sha256-of", key)));
        Assert.Contains("reportDataSha256Of", ex.Message, StringComparison.Ordinal);

        var (exit, _) = Run(Sgx("--report-data", Convert.ToHexString(reportData)));
        Assert.Equal(0, exit);
    }

    [Fact]
    public void TrailingBytesAfterTheQuoteVerifyWithAWarning()
    {
        var path = Path.Combine(_dir, "trailing.bin");
        // 39 bytes, as after the go-tdx-guest test quote; the SGX sample file is exactly its declared length.
        byte[] quote = [.. File.ReadAllBytes(Sample("sgx_quote")), .. RandomNumberGenerator.GetBytes(39)];
        File.WriteAllBytes(path, quote);

        var (exit, text) = Run(path, "--collateral", Sample("sgx_quote_collateral.json"), "--at", SgxAt);

        Assert.Equal(0, exit);
        Assert.Contains("WARNING: 39 bytes after the quote's declared end (offset 4600)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void DerTrustedRootIsAccepted()
    {
        // The Intel root as DER, taken from the sample chain: the same anchor as the built-in one.
        var pem = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Sample("sgx_quote_collateral.json"))).RootElement.GetProperty("tcb_info_issuer_chain").GetString()!;
        var certificates = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection();
        certificates.ImportFromPem(pem);
        var der = Path.Combine(_dir, "IntelSGXRootCA.der");
        File.WriteAllBytes(der, certificates[^1].RawData);

        var (exit, _) = Run(Sgx("--trusted-root", der));
        Assert.Equal(0, exit);

        var garbage = Path.Combine(_dir, "garbage.der");
        File.WriteAllBytes(garbage, [0x30, 0x03, 0x02, 0x01, 0x00]);
        var ex = Assert.Throws<CliException>(() => Run(Sgx("--trusted-root", garbage)));
        Assert.Equal(1, ex.ExitCode);
        Assert.Contains("neither a PEM nor a DER X.509 certificate", ex.Message, StringComparison.Ordinal);
    }

    private static (int Exit, string Output) Run(params string[] args)
    {
        using var output = new StringWriter();
        var exit = VerifyCommand.Create().Parse(args).Invoke(new InvocationConfiguration { Output = output, EnableDefaultExceptionHandler = false });
        return (exit, output.ToString());
    }
}
