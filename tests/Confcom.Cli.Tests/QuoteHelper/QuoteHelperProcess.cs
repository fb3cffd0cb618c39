using System.Diagnostics;
using System.Text;
using Confcom.Aesm.Client;

namespace Confcom.Cli.Tests.QuoteHelper;

/// <summary>The real <c>confcom quote-helper</c> executable in its own process, with its output captured.</summary>
internal sealed class QuoteHelperProcess : IDisposable
{
    private static readonly TimeSpan SafetyNet = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private QuoteHelperProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public string Output
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public string Errors
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public static QuoteHelperProcess Start(params string[] arguments)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var info = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "confcom.dll"));
        info.ArgumentList.Add("quote-helper");
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        info.Environment.Remove("SGX_AESM_ADDR");
        var process = new Process { StartInfo = info };
        var wrapper = new QuoteHelperProcess(process);
        process.OutputDataReceived += (_, e) => Append(wrapper._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(wrapper._stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return wrapper;
    }

    /// <summary>Polls the socket until the service answers GetSupportedAttKeyIDNum (or the process dies).</summary>
    public async Task WaitUntilServingAsync(string socketPath)
    {
        using var deadline = new CancellationTokenSource(SafetyNet);
        var client = new AesmClient(socketPath, TimeSpan.FromSeconds(10));
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"quote-helper exited with {_process.ExitCode} before serving: {Errors} {Output}");
            }
            try
            {
                if ((await client.GetSupportedAttKeyIdNumAsync(deadline.Token)).ErrorCode == 0)
                {
                    return;
                }
            }
            catch (AesmTransportException)
            {
            }
            await Task.Delay(100, deadline.Token);
        }
    }

    public async Task<int> WaitForExitAsync()
    {
        using var deadline = new CancellationTokenSource(SafetyNet);
        await _process.WaitForExitAsync(deadline.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no cleanup at all, as when the node or the container runtime kills the pod.</summary>
    public Task KillAsync()
    {
        _process.Kill();
        return WaitForExitAsync();
    }

    /// <summary>SIGTERM, as kubelet sends on pod deletion.</summary>
    public async Task<int> TerminateAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        return await WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(30_000);
        }
        _process.Dispose();
    }

    private static void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (target)
        {
            target.AppendLine(line);
        }
    }
}
