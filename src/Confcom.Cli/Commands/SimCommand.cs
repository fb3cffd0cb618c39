using System.CommandLine;

namespace Confcom.Cli.Commands;

/// <summary><c>confcom sim</c>: Simulated SGX node: identity, enclave reports, trust root, collateral.</summary>
internal static class SimCommand
{
    public static Command Create()
    {
        var command = new Command("sim", "Simulated SGX node: identity, enclave reports, trust root, collateral.");
        command.SetAction(int (_) => throw new CliException("'sim' is not implemented yet", 2));
        return command;
    }
}
