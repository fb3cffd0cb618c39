using Confcom.Sgx;
using Confcom.Sgx.Quotes;

namespace Confcom.Cli.Commands.Verify;

/// <summary>Reads a quote file (binary, hex or base64, AESM zero padding allowed) for the attestation verbs.</summary>
internal static class QuoteFile
{
    /// <summary>
    /// The quote for verification: read to its declared length like Intel's QVL, so bytes after it do not make the
    /// file unusable (the verifier reports them); the raw bytes go to the verifier with the parsed quote.
    /// </summary>
    public static (Quote Quote, byte[] Bytes) ReadLeading(string path)
    {
        try
        {
            var bytes = QuoteInput.Read(path).Bytes;
            return (QuoteParser.ParseLeading(bytes, out _), bytes);
        }
        catch (SgxFormatException ex)
        {
            throw new CliException($"{path}: not a valid DCAP quote: {ex.Message}", 1);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot read quote file {path}: {ex.Message}", 1);
        }
    }

    public static Quote Read(string path)
    {
        try
        {
            return Quote.Parse(QuoteInput.Read(path).Bytes, allowZeroPadding: true);
        }
        catch (SgxFormatException ex)
        {
            throw new CliException($"{path}: not a valid DCAP quote: {ex.Message}", 1);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot read quote file {path}: {ex.Message}", 1);
        }
    }
}
