using System.Diagnostics;

namespace Confcom.Benchmarks.Footprint;

/// <summary>One build of <c>confcom</c>: the JIT build run by <c>dotnet confcom.dll</c>, or the NativeAOT executable.</summary>
internal sealed record DaemonBuild(string Name, string FileName, IReadOnlyList<string> PrefixArguments)
{
    public static DaemonBuild Jit(string dll) => new("JIT", "dotnet", [dll]);

    public static DaemonBuild Aot(string executable) => new("AOT", executable, []);

    public Process Start(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        StartRaw(FileName, [.. PrefixArguments, .. args], environment);

    public static Process StartRaw(string fileName, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {fileName}");
        // Daemons log to stdout/stderr; drain both so a full pipe never blocks them.
        if (info.ArgumentList.Any(a => a is "device-plugin" or "quote-helper"))
        {
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
        }
        return process;
    }
}
