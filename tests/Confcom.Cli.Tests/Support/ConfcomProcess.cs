using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Confcom.Cli.Tests.Support;

/// <summary>
/// The real <c>confcom</c> executable run as a child process, with its output captured and an environment chosen by
/// the test (so e.g. SGX_AESM_ADDR is really set or really absent, as for an app in a container). That is the
/// referenced CLI build in the test output (<c>dotnet exec confcom.dll</c>), or the executable named by
/// <c>CONFCOM_CLI</c>: CI runs these tests a second time against the NativeAOT build that way.
/// </summary>
internal sealed class ConfcomProcess : IDisposable
{
    /// <summary>Safety net only: a hung child fails the test instead of hanging the run.</summary>
    public static readonly TimeSpan DefaultSafetyNet = TimeSpan.FromSeconds(60);

    /// <summary>Safety net for quote, verify and demo runs, which bring up a whole simulated node.</summary>
    public static readonly TimeSpan NodeRunSafetyNet = TimeSpan.FromSeconds(90);

    /// <summary>Environment override that removes SGX_AESM_ADDR, which the test host itself may run with.</summary>
    public static readonly IReadOnlyDictionary<string, string?> WithoutAesmAddr = new Dictionary<string, string?> { ["SGX_AESM_ADDR"] = null };

    private readonly Process _process;
    private readonly string _commandLine;
    private readonly List<string> _stdout = [];
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _stdoutLine = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ConfcomProcess(Process process, string commandLine)
    {
        _process = process;
        _commandLine = commandLine;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string StandardOutput
    {
        get
        {
            lock (_stdout)
            {
                var text = new StringBuilder();
                foreach (var line in _stdout)
                {
                    text.AppendLine(line);
                }
                return text.ToString();
            }
        }
    }

    public string StandardError
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public static ConfcomProcess Start(params string[] args) => Start((IReadOnlyDictionary<string, string?>?)null, args);

    /// <summary>
    /// The executable under test: <c>CONFCOM_CLI</c> (e.g. the NativeAOT <c>confcom</c>), or null for the JIT build
    /// next to the tests.
    /// </summary>
    public static string? ExecutableOverride =>
        Environment.GetEnvironmentVariable("CONFCOM_CLI") is { Length: > 0 } path ? Path.GetFullPath(path) : null;

    /// <summary>
    /// Starts <c>$CONFCOM_CLI args</c>, or <c>dotnet exec confcom.dll args</c>; a null value in
    /// <paramref name="environment"/> removes that variable.
    /// </summary>
    public static ConfcomProcess Start(IReadOnlyDictionary<string, string?>? environment, params string[] args) =>
        StartCore(null, environment, null, args);

    /// <summary>As <see cref="Start(IReadOnlyDictionary{string, string?}?, string[])"/>, as user and group <paramref name="uid"/> (setpriv; the test runs as root).</summary>
    public static ConfcomProcess StartAs(int uid, IReadOnlyDictionary<string, string?>? environment, params string[] args) =>
        StartCore(uid, environment, null, args);

    /// <summary>As <see cref="Start(IReadOnlyDictionary{string, string?}?, string[])"/>, with <paramref name="standardInput"/> piped in and closed.</summary>
    public static ConfcomProcess Start(IReadOnlyDictionary<string, string?>? environment, byte[]? standardInput, params string[] args) =>
        StartCore(null, environment, standardInput, args);

    private static ConfcomProcess StartCore(int? uid, IReadOnlyDictionary<string, string?>? environment, byte[]? standardInput, string[] args)
    {
        var executable = ExecutableOverride;
        if (executable is not null && !File.Exists(executable))
        {
            throw new FileNotFoundException($"CONFCOM_CLI names {executable}, which does not exist (publish it first: dotnet publish src/Confcom.Cli -c Release -r linux-x64)", executable);
        }
        var program = executable ?? DotnetHost();
        var info = new ProcessStartInfo(uid is null ? program : "setpriv")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
            UseShellExecute = false,
        };
        if (uid is { } id)
        {
            foreach (var a in new[] { $"--reuid={id}", $"--regid={id}", "--clear-groups", "--", program })
            {
                info.ArgumentList.Add(a);
            }
        }
        if (executable is null)
        {
            info.ArgumentList.Add("exec");
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "confcom.dll"));
        }
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }
        var process = new Process { StartInfo = info };
        var wrapper = new ConfcomProcess(process, "confcom " + string.Join(' ', args));
        process.OutputDataReceived += (_, e) => wrapper.OnStandardOutput(e.Data);
        process.ErrorDataReceived += (_, e) => wrapper.OnStandardError(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (standardInput is not null)
        {
            process.StandardInput.BaseStream.Write(standardInput);
            process.StandardInput.Close();
        }
        return wrapper;
    }

    public static Task<ConfcomResult> RunAsync(params string[] args) =>
        RunAsync(null, DefaultSafetyNet, CancellationToken.None, args);

    public static Task<ConfcomResult> RunAsync(IReadOnlyDictionary<string, string?>? environment, TimeSpan safetyNet, params string[] args) =>
        RunAsync(environment, safetyNet, CancellationToken.None, args);

    public static Task<ConfcomResult> RunAsync(CancellationToken ct, params string[] args) =>
        RunAsync(null, DefaultSafetyNet, ct, args);

    /// <summary>Runs confcom to completion with <paramref name="standardInput"/> as its standard input.</summary>
    public static async Task<ConfcomResult> RunWithInputAsync(byte[] standardInput, params string[] args)
    {
        using var process = Start(null, standardInput, args);
        var exit = await process.WaitForExitAsync(DefaultSafetyNet, CancellationToken.None);
        return new ConfcomResult(exit, process.StandardOutput, process.StandardError);
    }

    /// <summary>Runs confcom to completion and returns its exit code and output.</summary>
    public static async Task<ConfcomResult> RunAsync(
        IReadOnlyDictionary<string, string?>? environment, TimeSpan safetyNet, CancellationToken ct, params string[] args)
    {
        using var process = Start(environment, args);
        var exit = await process.WaitForExitAsync(safetyNet, ct);
        return new ConfcomResult(exit, process.StandardOutput, process.StandardError);
    }

    /// <summary>
    /// Waits for the next line of standard output that <paramref name="match"/> accepts (lines already seen count),
    /// or null once standard output is closed without one.
    /// </summary>
    public async Task<string?> WaitForOutputLineAsync(Func<string, bool> match, CancellationToken ct)
    {
        var seen = 0;
        while (true)
        {
            Task next;
            lock (_stdout)
            {
                for (; seen < _stdout.Count; seen++)
                {
                    if (match(_stdout[seen]))
                    {
                        return _stdout[seen];
                    }
                }
                if (_stdoutClosed.Task.IsCompleted)
                {
                    return null;
                }
                next = _stdoutLine.Task;
            }
            await next.WaitAsync(ct);
        }
    }

    /// <summary>SIGTERM, as kubelet sends on pod deletion.</summary>
    public async Task SendSigtermAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    /// <summary>SIGTERM, then the exit code.</summary>
    public async Task<int> TerminateAsync(CancellationToken ct = default)
    {
        await SendSigtermAsync();
        return await WaitForExitAsync(ct);
    }

    /// <summary>SIGKILL: no cleanup at all, as when the node or the container runtime kills the pod.</summary>
    public Task<int> KillAsync(CancellationToken ct = default)
    {
        _process.Kill();
        return WaitForExitAsync(ct);
    }

    public Task<int> WaitForExitAsync(CancellationToken ct = default) => WaitForExitAsync(DefaultSafetyNet, ct);

    /// <summary>
    /// Waits for the exit and the end of the redirected output; if neither <paramref name="ct"/> nor the
    /// <paramref name="safetyNet"/> allows that, kills the child and throws with its output so far.
    /// </summary>
    public async Task<int> WaitForExitAsync(TimeSpan safetyNet, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(safetyNet);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException(
                $"{_commandLine} did not exit in time; stdout so far: {StandardOutput} stderr so far: {StandardError}");
        }
        _process.WaitForExit(); // flushes the redirected streams
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(30_000);
        }
        _process.Dispose();
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private void OnStandardOutput(string? line)
    {
        lock (_stdout)
        {
            if (line is null)
            {
                _stdoutClosed.TrySetResult();
            }
            else
            {
                _stdout.Add(line);
            }
            var signal = _stdoutLine;
            _stdoutLine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            signal.TrySetResult();
        }
    }

    private void OnStandardError(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_stderr)
        {
            _stderr.AppendLine(line);
        }
    }
}
