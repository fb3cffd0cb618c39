using System.Diagnostics;
using System.Text;

namespace Confcom.Benchmarks.Soak;

/// <summary>
/// A real <c>confcom</c> daemon (the CLI built next to the benchmarks) run as a separate process, so that the resident
/// memory and descriptors measured are the daemon's own and not the load generator's.
/// </summary>
internal sealed class ConfcomChild : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ConfcomChild(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Which build the soak runs, for its report.</summary>
    public static string BuildDescription =>
        Environment.GetEnvironmentVariable("CONFCOM_CLI") is { Length: > 0 } cli
            ? File.Exists(Path.ChangeExtension(Path.GetFullPath(cli), ".dll"))
                ? $"the JIT app host `{cli}` (CONFCOM_CLI)"
                : $"the NativeAOT executable `{cli}` (CONFCOM_CLI)"
            : "JIT (`dotnet exec confcom.dll`)";

    public static ConfcomChild Start(params string[] args)
    {
        // CONFCOM_CLI names another build to soak (the NativeAOT executable the image ships), as for the CLI tests.
        var executable = Environment.GetEnvironmentVariable("CONFCOM_CLI") is { Length: > 0 } cli ? Path.GetFullPath(cli) : null;
        var info = new ProcessStartInfo(executable ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (executable is null)
        {
            info.ArgumentList.Add("exec");
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "confcom.dll"));
        }
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        // The quote helper must not quote through another AESM itself.
        info.Environment.Remove("SGX_AESM_ADDR");
        var process = new Process { StartInfo = info };
        var child = new ConfcomChild(process);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Resident memory, open descriptors and threads of the daemon, from /proc.</summary>
    public ProcessSample Sample() => ProcessSample.Of(_process.Id);

    public void ThrowIfExited()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"confcom exited with {_process.ExitCode}: {Output}");
        }
    }

    /// <summary>SIGTERM, then waits (killing it after the deadline).</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            // Keep the tail only: a soak's daemon may log for a long time.
            if (_output.Length > 256 * 1024)
            {
                _output.Remove(0, 128 * 1024);
            }
            _output.AppendLine(line);
        }
    }
}
