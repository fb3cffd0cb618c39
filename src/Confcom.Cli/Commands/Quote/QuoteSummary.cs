using Confcom.Sgx.Quotes;

namespace Confcom.Cli.Commands.Quoting;

/// <summary>What <c>confcom quote --json</c> prints about the quote it wrote (keys in the CLI's camelCase style).</summary>
internal sealed record QuoteSummary(
    int Version,
    string Tee,
    string MrEnclave,
    string MrSigner,
    string ReportData,
    int Size,
    string Mode,
    string Out)
{
    public static QuoteSummary From(byte[] quoteBytes, string mode, string output)
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
            output);
    }
}
