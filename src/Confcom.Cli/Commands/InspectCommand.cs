using System.CommandLine;
using Confcom.Cli.Commands.Inspect;
using Confcom.Cli.Commands.Verify;
using Confcom.Cli.Json;
using Confcom.Cli.Options;

namespace Confcom.Cli.Commands;

/// <summary><c>confcom inspect QUOTE [--json]</c>: decode every field of a DCAP quote and its PCK certificate.</summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var quote = QuoteArgument.Create();
        var jsonOption = new Option<bool>("--json") { Description = "Print the complete decoding as JSON (bytes as lower-case hex)." };
        var command = new Command("inspect", "Decode every field of a DCAP quote.");
        quote.AddTo(command);
        command.Options.Add(jsonOption);
        command.SetAction(int (ParseResult result) =>
        {
            var (parsed, input) = QuoteFile.ReadWithInput(quote.GetPath(result));
            var document = QuoteDocument.Create(parsed, input);
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
}
