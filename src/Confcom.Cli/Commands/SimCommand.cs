using System.CommandLine;
using Confcom.Cli.Commands.Sim;

namespace Confcom.Cli.Commands;

/// <summary><c>confcom sim</c>: Simulated SGX node: identity, enclave reports, trust root, collateral.</summary>
internal static class SimCommand
{
    public static Command Create()
    {
        var command = new Command("sim", "Simulated SGX node: identity, enclave reports, trust root, collateral.");
        command.Subcommands.Add(SimInitCommand.Create());
        command.Subcommands.Add(SimReportCommand.Create());
        command.Subcommands.Add(SimRootCommand.Create());
        command.Subcommands.Add(SimRootSecretCommand.Create());
        command.Subcommands.Add(SimCollateralCommand.Create());
        return command;
    }
}
