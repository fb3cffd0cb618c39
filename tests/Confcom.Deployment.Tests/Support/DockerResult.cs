namespace Confcom.Deployment.Tests.Support;

/// <summary>One finished docker command.</summary>
internal sealed record DockerResult(string CommandLine, int ExitCode, string Stdout, string Stderr);
