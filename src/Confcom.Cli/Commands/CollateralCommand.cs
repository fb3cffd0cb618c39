using System.CommandLine;

namespace Confcom.Cli.Commands;

/// <summary><c>confcom collateral</c>: Collateral bundles (dcap-qvl JSON shape).</summary>
internal static class CollateralCommand
{
    public static Command Create()
    {
        var command = new Command("collateral", "Collateral bundles (dcap-qvl JSON shape).");
        command.SetAction(int (_) => throw new CliException("'collateral' is not implemented yet", 2));
        return command;
    }
}
