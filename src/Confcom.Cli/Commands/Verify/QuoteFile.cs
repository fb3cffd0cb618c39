using Confcom.Sgx;
using Confcom.Sgx.Quotes;

namespace Confcom.Cli.Commands.Verify;

/// <summary>Reads a quote file (binary, hex or base64, AESM zero padding allowed) for the attestation verbs.</summary>
internal static class QuoteFile
{
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
