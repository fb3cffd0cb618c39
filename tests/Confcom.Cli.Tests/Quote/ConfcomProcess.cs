using System.Diagnostics;

namespace Confcom.Cli.Tests.Quoting;

/// <summary>
/// Runs the built <c>confcom</c> executable as a child process, with an environment chosen by the test (so
/// SGX_AESM_ADDR is really set or really absent, as for an app in a container).
/// </summary>
internal static class ConfcomProcess
{
    public static async Task<ConfcomResult> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "confcom.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        // The test host may itself run with SGX_AESM_ADDR; the child gets exactly what the test asks for.
        start.Environment.Remove("SGX_AESM_ADDR");
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start confcom");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // Safety net only: a hung child fails the test instead of hanging the run.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"confcom {string.Join(' ', args)} did not exit within 90 s; stdout so far: {await stdout}");
        }
        return new ConfcomResult(process.ExitCode, await stdout, await stderr);
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
