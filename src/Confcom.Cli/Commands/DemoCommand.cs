using System.CommandLine;

namespace Confcom.Cli.Commands;

/// <summary><c>confcom demo</c>: Run the whole simulated node end to end on this machine.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var command = new Command("demo", "Run the whole simulated node end to end on this machine.");
        command.SetAction(int (_) => throw new CliException("'demo' is not implemented yet", 2));
        return command;
    }
}
