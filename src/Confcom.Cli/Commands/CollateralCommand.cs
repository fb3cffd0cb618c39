using System.CommandLine;
using Confcom.Attestation.Collateral;
using Confcom.Cli.Commands.Verify;

namespace Confcom.Cli.Commands;

/// <summary><c>confcom collateral fetch --quote Q --pcs URL --out C.json</c>: save a collateral bundle (dcap-qvl JSON shape).</summary>
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
        var quoteOption = new Option<FileInfo>("--quote") { Description = "Quote whose PCK certificate names the platform (FMSPC, CA type).", Required = true };
        var pcsOption = new Option<string>("--pcs") { Description = "Intel PCS v4 or PCCS base URL.", Required = true };
        var outOption = new Option<FileInfo>("--out") { Description = "Where to write the bundle (JSON).", Required = true };
        var apiKeyOption = new Option<string>("--api-key") { Description = "Intel PCS subscription key, if your server needs one." };
        var command = new Command("fetch", "Fetch the collateral a quote needs from PCS/PCCS and save it as a bundle.");
        foreach (var option in new Option[] { quoteOption, pcsOption, outOption, apiKeyOption })
        {
            command.Options.Add(option);
        }
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var quote = QuoteFile.Read(r.GetValue(quoteOption)!.FullName);
            var request = PcsCollateralFetch.RequestFor(quote);
            var fetched = await PcsCollateralFetch.FetchAsync(request, r.GetValue(pcsOption)!, r.GetValue(apiKeyOption), ct).ConfigureAwait(false);
            var path = r.GetValue(outOption)!.FullName;
            try
            {
                fetched.Collateral.Save(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"cannot write {path}: {ex.Message}", 1);
            }
            r.InvocationConfiguration.Output.WriteLine($"collateral for {request} from {fetched.Origin} written to {path}");
            return 0;
        });
        return command;
    }
}
