using System.CommandLine;
using Confcom.Cli.Commands.Sim;

namespace Confcom.Cli.Commands;

/// <summary><c>confcom pcs</c>: PCS v4-compatible collateral service for simulated platforms.</summary>
internal static class PcsCommand
{
    public static Command Create()
    {
        var command = new Command("pcs", "PCS v4-compatible collateral service for simulated platforms.");
        command.Subcommands.Add(PcsServeCommand.Create());
        return command;
    }
}
