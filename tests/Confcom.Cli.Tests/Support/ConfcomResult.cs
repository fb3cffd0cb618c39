namespace Confcom.Cli.Tests.Support;

/// <summary>Exit code and output of one confcom run.</summary>
internal sealed record ConfcomResult(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";
}
