using System.CommandLine;
using Confcom.Cli.Commands.Inspect;
using Confcom.Cli.Json;
using Confcom.Sgx;
using Confcom.Sgx.Quotes;

namespace Confcom.Cli.Commands;

/// <summary><c>confcom inspect QUOTE [--json]</c>: decode every field of a DCAP quote and its PCK certificate.</summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var quoteArgument = new Argument<FileInfo>("QUOTE") { Description = "Quote file: binary, hex text or base64 (AESM zero padding is allowed)." };
        var jsonOption = new Option<bool>("--json") { Description = "Print the complete decoding as JSON (bytes as lower-case hex)." };
        var command = new Command("inspect", "Decode every field of a DCAP quote.");
        command.Arguments.Add(quoteArgument);
        command.Options.Add(jsonOption);
        command.SetAction(int (ParseResult result) =>
        {
            var path = result.GetValue(quoteArgument)!.FullName;
            var (quote, input) = Load(path);
            var document = QuoteDocument.Create(quote, input);
            var output = result.InvocationConfiguration.Output;
            if (result.GetValue(jsonOption))
            {
                CliJson.Write(output, document);
            }
            else
            {
                QuoteDocumentText.Write(output, document);
            }
            return 0;
        });
        return command;
    }

    private static (Quote Quote, QuoteInput Input) Load(string path)
    {
        try
        {
            var input = QuoteInput.Read(path);
            return (Quote.Parse(input.Bytes, allowZeroPadding: true), input);
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
