using System.CommandLine;

namespace Confcom.Cli.Commands;

/// <summary><c>confcom inspect</c>: Decode every field of a DCAP quote.</summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var command = new Command("inspect", "Decode every field of a DCAP quote.");
        command.SetAction(int (_) => throw new CliException("'inspect' is not implemented yet", 2));
        return command;
    }
}
