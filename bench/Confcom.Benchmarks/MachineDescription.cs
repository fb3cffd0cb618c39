using System.Runtime.InteropServices;

namespace Confcom.Benchmarks;

/// <summary>One markdown line describing the machine a result was measured on, for every results file.</summary>
public static class MachineDescription
{
    public static string Markdown()
    {
        var cpu = "unknown CPU";
        try
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
                ?.Split(':', 2)[1].Trim() ?? cpu;
        }
        catch (IOException)
        {
        }
        return $"{Environment.ProcessorCount} logical cores, {cpu}, {RuntimeInformation.OSDescription}, " +
            $".NET {Environment.Version}, measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC";
    }

    /// <summary>The 1/5/15-minute load averages, so a results file shows how busy the shared machine was.</summary>
    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    /// <summary>What <c>dotnet --version</c> prints (the SDK), or "unknown".</summary>
    public static string DotnetSdkVersion()
    {
        try
        {
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("dotnet", "--version") { RedirectStandardOutput = true, UseShellExecute = false });
            if (process is null)
            {
                return "unknown";
            }
            var version = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return version;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }

    /// <summary>The repository root, found from the working directory upwards.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Confcom.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("run the benchmarks from inside the repository (Confcom.slnx not found above the working directory)");
    }

    /// <summary>The repository's bench/results folder.</summary>
    public static string ResultsDirectory()
    {
        var results = Path.Combine(RepositoryRoot(), "bench", "results");
        Directory.CreateDirectory(results);
        return results;
    }
}
