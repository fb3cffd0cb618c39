using System.CommandLine;
using System.CommandLine.Invocation;

namespace Confcom.Cli;

/// <summary>
/// Runs the command tree with the house rule for failures: one line on stderr saying what failed, where and what to
/// do, and a non-zero exit code; stack traces only with <c>CONFCOM_DEBUG=1</c>. A usage error names the problem
/// first and then points at <c>--help</c> instead of printing the whole help text. SIGTERM/SIGINT cancel the token
/// handed to every verb, so daemons shut down cleanly and exit 0.
/// </summary>
internal static class CliRunner
{
    /// <summary>Set to 1 to get stack traces with failures (and Debug-level logs from the daemons).</summary>
    public const string DebugVariable = "CONFCOM_DEBUG";

    /// <summary>Exit code of a usage error (System.CommandLine's, kept: 2 already means "quote rejected" for verify).</summary>
    public const int UsageExitCode = 1;

    /// <summary>Exit code after SIGINT/SIGTERM interrupted a verb that is not a daemon.</summary>
    public const int CancelledExitCode = 130;

    public static bool DebugEnabled => Environment.GetEnvironmentVariable(DebugVariable) == "1";

    public static Task<int> RunAsync(RootCommand root, string[] args) => RunAsync(root, args, Console.Out, Console.Error);

    public static async Task<int> RunAsync(RootCommand root, string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(root);
        var parse = root.Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            UsageError.Write(parse, error);
            return UsageExitCode;
        }
        // Signals are ours (see TerminationSignals), not System.CommandLine's.
        var configuration = new InvocationConfiguration
        {
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
            Output = output,
            Error = error,
        };
        using var signals = new TerminationSignals();
        try
        {
            return await parse.InvokeAsync(configuration, signals.Token);
        }
        catch (CliException ex)
        {
            error.WriteLine($"confcom: {ex.Message}");
            WriteDebugDetail(error, ex);
            return ex.ExitCode;
        }
        catch (OperationCanceledException ex) when (signals.Token.IsCancellationRequested)
        {
            error.WriteLine("confcom: cancelled");
            WriteDebugDetail(error, ex);
            return CancelledExitCode;
        }
        catch (Exception ex)
        {
            error.WriteLine($"confcom: {FailureText.Describe(ex)}{(DebugEnabled ? "" : $" (set {DebugVariable}=1 for the stack trace)")}");
            WriteDebugDetail(error, ex);
            return 1;
        }
    }

    private static void WriteDebugDetail(TextWriter error, Exception ex)
    {
        if (DebugEnabled)
        {
            error.WriteLine(ex);
        }
    }
}
