using System.Text.Json.Serialization;
using Confcom.Sgx.Quotes;

namespace Confcom.Cli.Commands.Quoting;

/// <summary>What <c>confcom quote --json</c> prints about the quote it wrote.</summary>
internal sealed record QuoteSummary(
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("tee")] string Tee,
    [property: JsonPropertyName("mrenclave")] string MrEnclave,
    [property: JsonPropertyName("mrsigner")] string MrSigner,
    [property: JsonPropertyName("report_data")] string ReportData,
    [property: JsonPropertyName("size")] int Size,
    [property: JsonPropertyName("mode")] string Mode,
    [property: JsonPropertyName("out")] string OutputPath)
{
    public static QuoteSummary From(byte[] quoteBytes, string mode, string outputPath)
    {
        var quote = Confcom.Sgx.Quotes.Quote.Parse(quoteBytes);
        var body = quote.Body.Sgx ?? throw new CliException($"the quote is a {quote.Header.TeeType} quote, expected an SGX quote");
        return new QuoteSummary(
            quote.Header.Version,
            quote.Header.TeeType == TeeType.Sgx ? "sgx" : quote.Header.TeeType.ToString().ToLowerInvariant(),
            Convert.ToHexStringLower(body.MrEnclave),
            Convert.ToHexStringLower(body.MrSigner),
            Convert.ToHexStringLower(body.ReportData),
            quote.Length,
            mode,
            outputPath);
    }
}
