using System.Diagnostics;
using System.Globalization;
using System.Text;
using Confcom.Benchmarks.Client;
using Confcom.DevicePlugin;
using Confcom.DevicePlugin.KubeletEmulation;
using Confcom.DevicePlugin.Resources;

namespace Confcom.Benchmarks.Soak;

/// <summary>
/// Soak (a): a real <c>confcom device-plugin</c> process serving three resources through N kubelet restarts of the
/// in-repo <see cref="KubeletEmulator"/>. A restart is what the real device manager does: everything in the
/// device-plugins directory but the checkpoint is deleted and kubelet.sock is served again; the plugin must notice,
/// rebind its sockets and register every resource again. Its resident memory, open descriptors and threads are
/// sampled from /proc throughout: a leak of a socket, a stream or a watcher per restart would show as a slope.
/// </summary>
internal static class KubeletRestartSoak
{
    private static readonly string[] Resources = [SgxResourceNames.EpcMebibytes, SgxResourceNames.Enclave, SgxResourceNames.Provision];

    public static async Task RunAsync(int restarts)
    {
        var root = Path.Combine("/tmp", "cc-soak-" + Guid.NewGuid().ToString("N")[..8]);
        var deviceDirectory = Path.Combine(root, "dp");
        var load = MachineDescription.LoadAverage();
        try
        {
            await using var kubelet = await KubeletEmulator.StartAsync(deviceDirectory);
            using var plugin = ConfcomChild.Start("device-plugin", "--kubelet-dir", deviceDirectory, "--simulate", "--epc", "128MiB",
                "--resources", string.Join(',', Resources), "--metrics-listen", "off");
            using var startup = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await WaitForRegistrationsAsync(kubelet, plugin, [0, 0, 0], startup.Token);

            var samples = new List<(int Restart, ProcessSample Sample)> { (0, plugin.Sample()) };
            var reRegistration = new LatencySamples("re-registration");
            var every = Math.Max(1, restarts / 100);
            var started = Stopwatch.StartNew();
            for (var i = 1; i <= restarts; i++)
            {
                var before = Resources.Select(kubelet.RegistrationCount).ToArray();
                var restart = Stopwatch.GetTimestamp();
                DeleteAllButTheCheckpoint(deviceDirectory);
                using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
                await kubelet.RestartAsync(deadline.Token);
                await WaitForRegistrationsAsync(kubelet, plugin, before, deadline.Token);
                reRegistration.Add(Stopwatch.GetElapsedTime(restart));
                if (i % every == 0 || i == restarts)
                {
                    samples.Add((i, plugin.Sample()));
                    Console.WriteLine(FormattableString.Invariant($"kubelet restart {i}/{restarts}: plugin RSS {samples[^1].Sample.ResidentMiB:F1} MiB, {samples[^1].Sample.Descriptors} fds, {samples[^1].Sample.Threads} threads, re-registration p50 {reRegistration.Percentile(50):F0} ms"));
                }
            }
            var elapsed = started.Elapsed;
            await plugin.StopAsync();
            SoakResults.Write("kubelet", Markdown(restarts, samples, reRegistration, elapsed, load, MachineDescription.LoadAverage()));
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>As the device manager's start does (removeContents of the directory, except the checkpoint).</summary>
    private static void DeleteAllButTheCheckpoint(string directory)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(directory))
        {
            if (Path.GetFileName(entry) != KubeletProtocol.CheckpointFileName && !Directory.Exists(entry))
            {
                File.Delete(entry);
            }
        }
    }

    private static async Task WaitForRegistrationsAsync(KubeletEmulator kubelet, ConfcomChild plugin, int[] before, CancellationToken cancellationToken)
    {
        while (Resources.Select(kubelet.RegistrationCount).Zip(before).Any(p => p.First <= p.Second))
        {
            plugin.ThrowIfExited();
            await Task.Delay(2, cancellationToken);
        }
        // Registered means the kubelet dialled back; wait for its first device list too, as a real restart needs.
        foreach (var resource in Resources)
        {
            var endpoint = await kubelet.WaitForResourceAsync(resource, cancellationToken);
            await endpoint.WaitForDevicesAsync(devices => devices.Count > 0, cancellationToken);
        }
    }

    private static string Markdown(int restarts, List<(int Restart, ProcessSample Sample)> samples, LatencySamples reRegistration,
        TimeSpan elapsed, string loadBefore, string loadAfter)
    {
        var warm = samples.Where(s => s.Restart >= restarts / 10).ToList();
        var early = warm.Take(Math.Max(1, warm.Count / 5)).ToList();
        var late = warm.Skip(warm.Count - Math.Max(1, warm.Count / 5)).ToList();
        double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted[sorted.Length / 2];
        }
        var rssEarly = Median(early.Select(s => s.Sample.ResidentMiB));
        var rssLate = Median(late.Select(s => s.Sample.ResidentMiB));
        var fdsEarly = Median(early.Select(s => (double)s.Sample.Descriptors));
        var fdsLate = Median(late.Select(s => (double)s.Sample.Descriptors));
        var threadsLate = Median(late.Select(s => (double)s.Sample.Threads));
        var sb = new StringBuilder();
        sb.AppendLine("## (a) Kubelet restarts: the device plugin's memory and descriptors");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Machine: {MachineDescription.Markdown()}; load average {loadBefore} at the start, {loadAfter} at the end.");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{restarts:N0} restarts of the emulated kubelet in {elapsed.TotalMinutes:F1} min, each: delete everything in the device-plugins directory but `kubelet_internal_checkpoint`, serve `kubelet.sock` again, wait until the plugin (a separate `confcom device-plugin --simulate` process serving `{string.Join("`, `", Resources)}`) has registered all three again and sent its device lists. RSS, descriptors and threads are the plugin's own, from `/proc/<pid>`. Build: {ConfcomChild.BuildDescription}.");
        sb.AppendLine();
        sb.AppendLine("| Restarts done | RSS (MiB) | Open fds | Threads |");
        sb.AppendLine("|---:|---:|---:|---:|");
        var shown = samples.Where((s, index) => index == 0 || s.Restart == restarts || s.Restart % Math.Max(1, restarts / 10) == 0);
        foreach (var (restart, sample) in shown)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {restart:N0} | {sample.ResidentMiB:F1} | {sample.Descriptors} | {sample.Threads} |");
        }
        sb.AppendLine();
        sb.AppendLine(FormattableString.Invariant($"After the first 10 % (warm-up): median RSS {rssEarly:F1} MiB in the first fifth of the remaining samples, {rssLate:F1} MiB in the last fifth ({(rssLate - rssEarly) / rssEarly:+0.0%;-0.0%;0 %}); median descriptors {fdsEarly:F0} → {fdsLate:F0}; threads {threadsLate:F0} at the end. "));
        sb.AppendLine(FormattableString.Invariant($"Restart → every resource registered again with its device list: p50 {reRegistration.Percentile(50):F0} ms, p99 {reRegistration.Percentile(99):F0} ms, max {reRegistration.Percentile(100):F0} ms."));
        sb.AppendLine();
        var flat = Math.Abs(rssLate - rssEarly) / rssEarly < 0.10 && fdsLate <= fdsEarly + 2;
        sb.AppendLine(flat
            ? "**Verdict: flat.** No growth of descriptors, and resident memory within 10 % between the early and the late samples."
            : "**Verdict: NOT flat** — see the table.");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Reproduce: `dotnet run -c Release --project bench/Confcom.Benchmarks -- soak kubelet --restarts {restarts}`.");
        return sb.ToString();
    }
}
