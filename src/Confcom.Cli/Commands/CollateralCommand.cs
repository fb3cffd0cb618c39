using System.CommandLine;
using Confcom.Cli.Commands.Verify;
using Confcom.Cli.Files;
using Confcom.Cli.Options;

namespace Confcom.Cli.Commands;

/// <summary><c>confcom collateral fetch QUOTE --pcs URL --out C.json</c>: save a collateral bundle (dcap-qvl JSON shape).</summary>
internal static class CollateralCommand
{
    public static Command Create()
    {
        var command = new Command("collateral", "Collateral bundles (dcap-qvl JSON shape).");
        command.Subcommands.Add(CreateFetch());
        return command;
    }

    private static Command CreateFetch()
    {
        var quote = QuoteArgument.Create(withLegacyOption: true);
        var pcsOption = new Option<string>("--pcs") { Description = "Intel PCS v4 or PCCS base URL.", Required = true };
        var apiKeyOption = new Option<string>("--api-key") { Description = "Intel PCS subscription key, if your server needs one." };
        var outOption = new Option<string>("--out") { Description = "Where to write the bundle (JSON); - writes it to standard output.", Required = true };
        var command = new Command("fetch", "Fetch the collateral a quote needs from PCS/PCCS and save it as a bundle.");
        quote.AddTo(command);
        command.Options.Add(pcsOption);
        command.Options.Add(apiKeyOption);
        command.Options.Add(outOption);
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var parsed = QuoteFile.Read(quote.GetPath(r));
            var request = PcsCollateralFetch.RequestFor(parsed);
            var fetched = await PcsCollateralFetch.FetchAsync(request, r.GetValue(pcsOption)!, r.GetValue(apiKeyOption), ct).ConfigureAwait(false);
            var path = r.GetValue(outOption)!;
            await OutputFile.WriteTextAsync("--out", path, fetched.Collateral.ToJson(), ct).ConfigureAwait(false);
            // With --out - the bundle is on standard output; the summary must not be mixed into it.
            var summary = OutputFile.IsStandardStream(path) ? r.InvocationConfiguration.Error : r.InvocationConfiguration.Output;
            summary.WriteLine($"collateral for {request} from {fetched.Origin} written to {OutputFile.Describe(path)}");
            return 0;
        });
        return command;
    }
}
