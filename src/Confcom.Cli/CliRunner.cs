using System.CommandLine;

namespace Confcom.Cli;

/// <summary>
/// Runs the command tree with the house rule for failures: one line on stderr saying what failed and what to do,
/// and a non-zero exit code; stack traces only with CONFCOM_DEBUG=1. SIGTERM/SIGINT cancel the token handed to
/// every verb, so daemons shut down cleanly and exit 0.
/// </summary>
internal static class CliRunner
{
    public static async Task<int> RunAsync(RootCommand root, string[] args)
    {
        // Signals are ours (see TerminationSignals), not System.CommandLine's.
        var configuration = new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        using var signals = new TerminationSignals();
        try
        {
            return await root.Parse(args).InvokeAsync(configuration, signals.Token);
        }
        catch (CliException ex)
        {
            Console.Error.WriteLine($"confcom: {ex.Message}");
            return ex.ExitCode;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("confcom: cancelled");
            return 130;
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"confcom: {ex.GetType().Name}: {ex.Message}");
            if (Environment.GetEnvironmentVariable("CONFCOM_DEBUG") == "1")
            {
                Console.Error.WriteLine(ex);
            }
            return 1;
        }
    }
}
