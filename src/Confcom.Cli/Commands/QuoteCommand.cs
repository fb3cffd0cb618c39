using System.CommandLine;

namespace Confcom.Cli.Commands;

/// <summary><c>confcom quote</c>: Get a quote as an enclave app would (SGX_AESM_ADDR selects out-of-process).</summary>
internal static class QuoteCommand
{
    public static Command Create()
    {
        var command = new Command("quote", "Get a quote as an enclave app would (SGX_AESM_ADDR selects out-of-process).");
        command.SetAction(int (_) => throw new CliException("'quote' is not implemented yet", 2));
        return command;
    }
}
