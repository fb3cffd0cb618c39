namespace Confcom.Cli;

/// <summary>A failure whose message is already written for the operator; the runner prints it as the one-line reason.</summary>
internal sealed class CliException(string message, int exitCode = 1) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
