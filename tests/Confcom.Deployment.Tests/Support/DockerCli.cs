using System.Diagnostics;
using System.Text;

namespace Confcom.Deployment.Tests.Support;

/// <summary>The docker client on PATH (DOCKER_HOST honoured), run as a child process.</summary>
internal static class DockerCli
{
    /// <summary>Safety net for one docker command; a hung engine fails the test instead of hanging the run.</summary>
    private static readonly TimeSpan SafetyNet = TimeSpan.FromMinutes(3);

    public static async Task<DockerResult> RunAsync(IEnumerable<string> arguments, string? standardInput = null)
    {
        var start = new ProcessStartInfo("docker")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start docker");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
            process.StandardInput.Close();
        }
        using var timeout = new CancellationTokenSource(SafetyNet);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"docker {string.Join(' ', start.ArgumentList)} did not finish");
        }
        return new DockerResult(string.Join(' ', start.ArgumentList), process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs docker and throws, with its output, unless it exits 0.</summary>
    public static async Task<string> CheckedAsync(params string[] arguments)
    {
        var result = await RunAsync(arguments);
        return result.ExitCode == 0
            ? result.Stdout
            : throw new InvalidOperationException($"docker {result.CommandLine} exited {result.ExitCode}: {result.Stderr.Trim()}");
    }

    public static async Task<string> LogsAsync(string container)
    {
        var result = await RunAsync(["logs", container]);
        return new StringBuilder().Append(result.Stdout).Append(result.Stderr).ToString();
    }
}
