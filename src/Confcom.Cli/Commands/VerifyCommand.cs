using System.CommandLine;

namespace Confcom.Cli.Commands;

/// <summary><c>confcom verify</c>: Verify a DCAP quote against collateral.</summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var command = new Command("verify", "Verify a DCAP quote against collateral.");
        command.SetAction(int (_) => throw new CliException("'verify' is not implemented yet", 2));
        return command;
    }
}
