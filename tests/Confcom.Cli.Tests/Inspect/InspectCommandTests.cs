using System.CommandLine;
using System.Text.Json.Nodes;
using Confcom.Cli.Commands;
using Confcom.TestData;

namespace Confcom.Cli.Tests.Inspect;

/// <summary>
/// Runs the real <c>inspect</c> command in-process on the real sample quotes. Expected values come from the test
/// data README (FMSPCs) and from <c>xxd</c> / <c>openssl asn1parse</c> of the files, not from the codec; hex in the
/// CLI's style, lower case.
/// </summary>
public sealed class InspectCommandTests : IDisposable
{
    private readonly string _dir = System.IO.Path.Combine("/tmp", "cc-" + Guid.NewGuid().ToString("N")[..8]);

    public InspectCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void SgxSampleJsonCarriesHeaderBodyChainAndPckExtension()
    {
        var json = JsonNode.Parse(Run(SampleQuoteFiles.Path("sgx_quote"), "--json"))!;

        Assert.Equal(3, (int)json["header"]!["version"]!);
        Assert.Equal("SGX", (string)json["header"]!["teeTypeName"]!);
        Assert.Equal(10, (int)json["header"]!["qeSvn"]!);
        Assert.Equal(15, (int)json["header"]!["pceSvn"]!);
        Assert.Equal("33d8736db756ed4997e04ba358d27833188f1932ff7b1d156904d3f560452fbb", (string)json["body"]!["mrEnclave"]!); // xxd 0x70
        Assert.Equal(4164, (int)json["signatureData"]!["length"]!); // xxd: 4410 0000 at 432
        var certificationData = json["signatureData"]!["qeReportCertificationData"]!["certificationData"]!;
        Assert.Equal(5, (int)certificationData["type"]!);
        var raw = File.ReadAllBytes(SampleQuoteFiles.Path("sgx_quote"));
        Assert.Equal(Convert.ToHexStringLower(raw.AsSpan(1052)), (string)certificationData["data"]!); // xxd: type 5, size 0x0DDC at 1046, data to EOF

        var certificates = json["pckCertificateChain"]!["certificates"]!.AsArray();
        Assert.Equal(3, certificates.Count);
        Assert.Contains("CN=Intel SGX PCK Certificate", (string)certificates[0]!["subject"]!, StringComparison.Ordinal);
        Assert.Contains("CN=Intel SGX PCK Processor CA", (string)certificates[1]!["subject"]!, StringComparison.Ordinal);
        Assert.Contains("CN=Intel SGX Root CA", (string)certificates[2]!["subject"]!, StringComparison.Ordinal);
        Assert.StartsWith("2023-09-20T21:53:43", (string)certificates[0]!["notBefore"]!, StringComparison.Ordinal); // openssl: UTCTIME 230920215343Z

        var extension = json["pckCertificateChain"]!["pckSgxExtension"]!;
        Assert.Equal("00a067110000", (string)extension["fmspc"]!); // README
        Assert.Equal("0000", (string)extension["pceId"]!);
        Assert.Equal(13, (int)extension["pceSvn"]!);
        Assert.Equal("0b0b0202ff0100000000000000000000", (string)extension["cpuSvn"]!);
        Assert.Equal("Standard", (string)extension["sgxType"]!);
        Assert.Equal("d04ec06d4e6d92dc90d0ad3cf5ee2ddf", (string)extension["ppid"]!);
        Assert.Equal([11, 11, 2, 2, 255, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], extension["tcbComponentSvns"]!.AsArray().Select(n => (int)n!).ToArray());
    }

    [Fact]
    public void TdxSampleJsonShowsTdBodyPaddingAndFmspc()
    {
        var json = JsonNode.Parse(Run(SampleQuoteFiles.Path("tdx_quote"), "--json"))!;

        Assert.Equal(4, (int)json["header"]!["version"]!);
        Assert.Equal("TDX", (string)json["header"]!["teeTypeName"]!);
        Assert.Equal(70, (int)json["input"]!["zeroPaddingBytes"]!); // 5006-byte file, quote ends at 636 + 0x10CC
        Assert.Equal("TD report 1.0", (string)json["body"]!["type"]!);
        Assert.Equal("0x00000000000602e7", (string)json["body"]!["xfam"]!); // xxd 0xb0
        Assert.True((bool)json["signatureData"]!["qeReportCertificationData"]!["wrappedInCertificationDataType6"]!);
        Assert.Equal("b0c06f000000", (string)json["pckCertificateChain"]!["pckSgxExtension"]!["fmspc"]!); // README
    }

    [Fact]
    public void HexAndBase64FilesGiveTheSameDecodingAsBinary()
    {
        var raw = File.ReadAllBytes(SampleQuoteFiles.Path("sgx_quote"));
        var hexPath = Write("q.hex", Convert.ToHexString(raw));
        var base64Path = Write("q.b64", Convert.ToBase64String(raw, Base64FormattingOptions.InsertLineBreaks));

        var binary = JsonNode.Parse(Run(SampleQuoteFiles.Path("sgx_quote"), "--json"))!.AsObject();
        var hex = JsonNode.Parse(Run(hexPath, "--json"))!.AsObject();
        var base64 = JsonNode.Parse(Run(base64Path, "--json"))!.AsObject();

        Assert.Equal("hex", (string)hex["input"]!["encoding"]!);
        Assert.Equal("base64", (string)base64["input"]!["encoding"]!);
        foreach (var section in new[] { "header", "body", "signatureData", "pckCertificateChain" })
        {
            Assert.True(JsonNode.DeepEquals(binary[section], hex[section]), section);
            Assert.True(JsonNode.DeepEquals(binary[section], base64[section]), section);
        }
    }

    [Fact]
    public void TextOutputNamesTheDecodedFields()
    {
        var text = Run(SampleQuoteFiles.Path("sgx_quote"));

        Assert.Contains("version: 3", text, StringComparison.Ordinal);
        Assert.Contains("fmspc: 00a067110000", text, StringComparison.Ordinal);
        Assert.Contains("mrSigner: 8c4f5775d796503e96137f77c68a829a0056ac8ded70140b081b094490c57bff", text, StringComparison.Ordinal); // QE3
        Assert.Contains("subject: C=US, S=CA, L=Santa Clara, O=Intel Corporation, CN=Intel SGX Root CA", text, StringComparison.Ordinal);
    }

    [Fact]
    public void CorruptQuoteFailsWithOneLineNamingFieldAndOffset()
    {
        var raw = File.ReadAllBytes(SampleQuoteFiles.Path("sgx_quote"));
        raw[1012] = 0xFF; // qe_auth_data_size 0xFFFF: more auth data than the signature data holds
        raw[1013] = 0xFF;
        var path = System.IO.Path.Combine(_dir, "corrupt");
        File.WriteAllBytes(path, raw);

        var ex = Assert.Throws<CliException>(() => Run(path));

        Assert.NotEqual(0, ex.ExitCode);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.Contains("qe_auth_data", ex.Message, StringComparison.Ordinal);
        Assert.Contains("offset 1014", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TextThatIsNoQuoteEncodingFailsWithOneLine()
    {
        var ex = Assert.Throws<CliException>(() => Run(Write("notes.txt", "hello, this is not a quote")));

        Assert.Contains("neither hex nor base64", ex.Message, StringComparison.Ordinal);
    }

    private string Write(string name, string content)
    {
        var path = System.IO.Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static string Run(params string[] args)
    {
        using var output = new StringWriter();
        var exitCode = InspectCommand.Create().Parse(args).Invoke(new InvocationConfiguration { Output = output, EnableDefaultExceptionHandler = false });
        Assert.Equal(0, exitCode);
        return output.ToString();
    }
}
