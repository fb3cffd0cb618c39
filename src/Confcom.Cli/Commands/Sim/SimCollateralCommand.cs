using System.CommandLine;
using Confcom.Cli.Files;
using Confcom.Simulation.Collateral;

namespace Confcom.Cli.Commands.Sim;

/// <summary><c>confcom sim collateral</c>: write the collateral bundle for this simulated node without a server.</summary>
internal static class SimCollateralCommand
{
    public static Command Create()
    {
        var stateDir = SimOptions.StateDir();
        var simRoot = SimOptions.SimRoot();
        var output = new Option<string>("--out") { Description = "collateral bundle file (dcap-qvl QuoteCollateralV3 JSON); - writes it to standard output", Required = true };
        var scenario = ScenarioOption();
        var command = new Command("collateral", "Write the collateral bundle (TCB info, QE identity, CRLs) for this simulated node.");
        command.Options.Add(stateDir);
        command.Options.Add(simRoot);
        command.Options.Add(output);
        command.Options.Add(scenario);
        command.SetAction(int (ParseResult r) =>
        {
            var chosen = ParseScenario(r.GetValue(scenario)!);
            using var platform = SimOptions.Open(r.GetValue(stateDir)!, r.GetValue(simRoot));
            var collateral = SimulatedCollateralIssuer.Issue(platform, chosen);
            var outPath = r.GetValue(output)!;
            OutputFile.WriteText("--out", outPath, collateral.ToQuoteCollateral().ToJson());
            SimRootCommand.Summary(r, outPath).WriteLine($"wrote {chosen} collateral valid {collateral.IssueDate:u} .. {collateral.NextUpdate:u} to {OutputFile.Describe(outPath)}");
            return 0;
        });
        return command;
    }

    public static Option<string> ScenarioOption() => new("--scenario")
    {
        Description = "what the collateral says: " + string.Join(", ", Enum.GetNames<CollateralScenario>()),
        DefaultValueFactory = _ => nameof(CollateralScenario.UpToDate),
    };

    public static CollateralScenario ParseScenario(string name)
    {
        try
        {
            return SimulatedCollateralIssuer.ParseScenario(name);
        }
        catch (ArgumentException ex)
        {
            throw new CliException("--scenario: " + ex.Message.Split(" (Parameter", 2)[0]);
        }
    }
}
