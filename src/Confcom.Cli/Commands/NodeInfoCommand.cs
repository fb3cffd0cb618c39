using System.CommandLine;

namespace Confcom.Cli.Commands;

/// <summary><c>confcom node-info</c>: Show what this node offers: SGX1/2, FLC, EPC sections, device nodes, and why not.</summary>
internal static class NodeInfoCommand
{
    public static Command Create()
    {
        var command = new Command("node-info", "Show what this node offers: SGX1/2, FLC, EPC sections, device nodes, and why not.");
        command.SetAction(int (_) => throw new CliException("'node-info' is not implemented yet", 2));
        return command;
    }
}
