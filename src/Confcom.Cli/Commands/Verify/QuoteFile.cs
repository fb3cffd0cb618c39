using Confcom.Cli.Files;
using Confcom.Sgx;
using Confcom.Sgx.Quotes;

namespace Confcom.Cli.Commands.Verify;

/// <summary>Reads a quote file (binary, hex or base64, AESM zero padding allowed; <c>-</c> is standard input) for the attestation verbs.</summary>
internal static class QuoteFile
{
    /// <summary>
    /// The quote for verification: read to its declared length like Intel's QVL, so bytes after it do not make the
    /// file unusable (the verifier reports them); the raw bytes go to the verifier with the parsed quote.
    /// </summary>
    public static (Quote Quote, byte[] Bytes) ReadLeading(string path)
    {
        var bytes = ReadInput(path).Bytes;
        try
        {
            return (QuoteParser.ParseLeading(bytes, out _), bytes);
        }
        catch (SgxFormatException ex)
        {
            throw NotAQuote(path, ex);
        }
    }

    public static Quote Read(string path) => ReadWithInput(path).Quote;

    /// <summary>The quote and how it was stored (encoding, padding), for <c>inspect</c>.</summary>
    public static (Quote Quote, QuoteInput Input) ReadWithInput(string path)
    {
        var input = ReadInput(path);
        try
        {
            return (Quote.Parse(input.Bytes, allowZeroPadding: true), input);
        }
        catch (SgxFormatException ex)
        {
            throw NotAQuote(path, ex);
        }
    }

    private static QuoteInput ReadInput(string path)
    {
        InputFile.Check("QUOTE", path, "a quote");
        try
        {
            return QuoteInput.Read(path);
        }
        catch (SgxFormatException ex)
        {
            throw NotAQuote(path, ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw InputFile.ReadFailure("QUOTE", path, ex);
        }
    }

    private static CliException NotAQuote(string path, SgxFormatException ex) =>
        new($"{(InputFile.IsStandardStream(path) ? "standard input" : path)}: not a valid DCAP quote: {ex.Message}", 1);
}
