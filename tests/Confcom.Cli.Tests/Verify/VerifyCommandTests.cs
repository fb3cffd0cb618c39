using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Confcom.Cli.Commands;
using Confcom.Cli.Tests.Inspect;
using Confcom.TestData;

namespace Confcom.Cli.Tests.Verify;

/// <summary>Runs the real <c>verify</c> command in-process on the real sample quotes and their collateral.</summary>
public sealed class VerifyCommandTests : IDisposable
{
    private const string SgxAt = "1752919277";
    private const string TdxAt = "2025-07-19T10:00:34Z";

    private readonly string _dir = Path.Combine("/tmp", "cc-" + Guid.NewGuid().ToString("N")[..8]);

    public VerifyCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Sample(string name) => SampleQuoteFiles.Path(name);

    [Fact]
    public void SgxSampleIsAcceptedWithWarningsAndAdvisories()
    {
        var (exit, text) = Run(Sample("sgx_quote"), "--collateral", Sample("sgx_quote_collateral.json"), "--at", SgxAt);

        Assert.Equal(0, exit);
        Assert.StartsWith("ACCEPTED WITH WARNINGS: SGX_QL_QV_RESULT_CONFIG_AND_SW_HARDENING_NEEDED (0xA008)", text, StringComparison.Ordinal);
        Assert.Contains("advisory INTEL-SA-00289", text, StringComparison.Ordinal);
        Assert.Contains("advisory INTEL-SA-00615", text, StringComparison.Ordinal);
        Assert.Contains("fmspc: 00A067110000", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TdxSampleJsonIsUpToDate()
    {
        var (exit, text) = Run(Sample("tdx_quote"), "--collateral", Sample("tdx_quote_collateral.json"), "--at", TdxAt, "--json");

        Assert.Equal(0, exit);
        var json = JsonNode.Parse(text)!;
        Assert.Equal("Ok", (string)json["status"]!);
        Assert.Equal("SGX_QL_QV_RESULT_OK", (string)json["statusName"]!);
        Assert.True((bool)json["isAccepted"]!);
        Assert.Equal("b0c06f000000", (string)json["fmspc"]!);
        Assert.Equal(4, json["td"]!["rtmrs"]!.AsArray().Count);
        Assert.Empty(json["advisoryIds"]!.AsArray());
    }

    [Fact]
    public void SgxSampleJsonCarriesTheWholeResult()
    {
        var (_, text) = Run(Sample("sgx_quote"), "--collateral", Sample("sgx_quote_collateral.json"), "--at", SgxAt, "--json");
        var json = JsonNode.Parse(text)!;
        Assert.Equal("ConfigAndSwHardeningNeeded", (string)json["status"]!);
        Assert.Equal("ConfigurationAndSWHardeningNeeded", (string)json["platformTcbStatus"]!);
        Assert.Equal("33d8736db756ed4997e04ba358d27833188f1932ff7b1d156904d3f560452fbb", (string)json["enclave"]!["mrEnclave"]!); // inspect test: xxd 0x70
        Assert.False((bool)json["collateralExpired"]!);
    }

    [Fact]
    public void TamperedQuoteExitsTwoNamingTheCheck()
    {
        var quote = File.ReadAllBytes(Sample("sgx_quote"));
        quote[440] ^= 1; // ISV signature
        var path = Path.Combine(_dir, "tampered");
        File.WriteAllBytes(path, quote);

        var ex = Assert.Throws<CliException>(() => Run(path, "--collateral", Sample("sgx_quote_collateral.json"), "--at", SgxAt));

        Assert.Equal(2, ex.ExitCode);
        Assert.Contains("IsvSignature", ex.Message, StringComparison.Ordinal);
        // QvE returns UNSPECIFIED for every terminal failure; the reason is the check and the quote3_error_t.
        Assert.Contains("SGX_QL_QV_RESULT_UNSPECIFIED (SGX_QL_ERROR_UNEXPECTED)", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void ExpiredCollateralFailsClosedNamingTheItemsUnlessAllowed()
    {
        var later = DateTimeOffset.FromUnixTimeSeconds(long.Parse(SgxAt, System.Globalization.CultureInfo.InvariantCulture)).AddYears(1).ToString("O");
        var ex = Assert.Throws<CliException>(() => Run(Sample("sgx_quote"), "--collateral", Sample("sgx_quote_collateral.json"), "--at", later));
        Assert.Equal(2, ex.ExitCode);
        Assert.Contains("allowExpiredCollateral", ex.Message, StringComparison.Ordinal);
        Assert.Contains("TCB Info (fmspc 00A067110000)", ex.Message, StringComparison.Ordinal);
        // Intel's status is reported unchanged: QvE only flags expiry.
        Assert.Contains("SGX_QL_QV_RESULT_CONFIG_AND_SW_HARDENING_NEEDED", ex.Message, StringComparison.Ordinal);

        var (exit, text) = Run(Sample("sgx_quote"), "--collateral", Sample("sgx_quote_collateral.json"), "--at", later, "--allow-expired-collateral");
        Assert.Equal(0, exit);
        Assert.Contains("WARNING: collateral expired", text, StringComparison.Ordinal);

        // --strict keeps refusing expired collateral (its old meaning) and now also anything but UpToDate.
        var strict = Assert.Throws<CliException>(() => Run(Sample("sgx_quote"), "--collateral", Sample("sgx_quote_collateral.json"), "--at", later, "--strict"));
        Assert.Contains("allowExpiredCollateral", strict.Message, StringComparison.Ordinal);
        Assert.Contains("acceptedTcbStatuses", strict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HexQuoteFileVerifiesLikeBinary()
    {
        var path = Path.Combine(_dir, "quote.hex");
        File.WriteAllText(path, Convert.ToHexString(File.ReadAllBytes(Sample("sgx_quote"))));
        var (exit, _) = Run(path, "--collateral", Sample("sgx_quote_collateral.json"), "--at", SgxAt);
        Assert.Equal(0, exit);
    }

    [Fact]
    public void AnotherTrustedRootRejectsTheIntelChain()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var root = new CertificateRequest("CN=Fresh SGX Root CA", key, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddYears(-5), DateTimeOffset.UtcNow.AddYears(5));
        var rootPath = Path.Combine(_dir, "root.pem");
        File.WriteAllText(rootPath, root.ExportCertificatePem());

        var ex = Assert.Throws<CliException>(() =>
            Run(Sample("sgx_quote"), "--collateral", Sample("sgx_quote_collateral.json"), "--at", SgxAt, "--trusted-root", rootPath));
        Assert.Equal(2, ex.ExitCode);
        Assert.Contains("TrustedRoot", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadArgumentsExitOneWithAReason()
    {
        var neither = Assert.Throws<CliException>(() => Run(Sample("sgx_quote")));
        Assert.Equal(1, neither.ExitCode);
        Assert.Contains("--collateral", neither.Message, StringComparison.Ordinal);

        var badTime = Assert.Throws<CliException>(() => Run(Sample("sgx_quote"), "--collateral", Sample("sgx_quote_collateral.json"), "--at", "yesterday"));
        Assert.Contains("ISO-8601", badTime.Message, StringComparison.Ordinal);

        var missing = Assert.Throws<CliException>(() => Run(Sample("sgx_quote"), "--collateral", Path.Combine(_dir, "none.json"), "--at", SgxAt));
        Assert.Contains("none.json", missing.Message, StringComparison.Ordinal);
    }

    private static (int Exit, string Output) Run(params string[] args)
    {
        using var output = new StringWriter();
        var exit = VerifyCommand.Create().Parse(args).Invoke(new InvocationConfiguration { Output = output, EnableDefaultExceptionHandler = false });
        return (exit, output.ToString());
    }
}
