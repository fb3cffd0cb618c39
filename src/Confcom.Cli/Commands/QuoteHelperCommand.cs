using System.CommandLine;

namespace Confcom.Cli.Commands;

/// <summary><c>confcom quote-helper</c>: Run the AESM-compatible quote helper on a Unix socket.</summary>
internal static class QuoteHelperCommand
{
    public static Command Create()
    {
        var command = new Command("quote-helper", "Run the AESM-compatible quote helper on a Unix socket.");
        command.SetAction(int (_) => throw new CliException("'quote-helper' is not implemented yet", 2));
        return command;
    }
}
