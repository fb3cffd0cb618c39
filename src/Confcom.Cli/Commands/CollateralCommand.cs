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
        var pcs = PcsOptions.Create(pcsRequired: true);
        var outOption = new Option<string>("--out") { Description = "Where to write the bundle (JSON); - writes it to standard output.", Required = true };
        var command = new Command("fetch", "Fetch the collateral a quote needs from PCS/PCCS and save it as a bundle.");
        quote.AddTo(command);
        pcs.AddTo(command);
        command.Options.Add(outOption);
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var parsed = QuoteFile.Read(quote.GetPath(r));
            var request = PcsCollateralFetch.RequestFor(parsed);
            var fetched = await PcsCollateralFetch.FetchAsync(request, pcs.Read(r)!, ct).ConfigureAwait(false);
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
