using Confcom.Hosting;
using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Confcom.DevicePlugin;
using Confcom.DevicePlugin.KubeletEmulation;
using Confcom.DevicePlugin.Resources;
using Confcom.DevicePlugin.Serving;
using Confcom.DevicePlugin.V1Beta1;
using Confcom.DevicePlugin.Platform;
using Google.Protobuf;
using Microsoft.Extensions.Hosting;

namespace Confcom.Benchmarks.DevicePlugin;

/// <summary>
/// <c>dotnet run -c Release --project bench/Confcom.Benchmarks -- device-plugin [--calls N]</c>: Allocate latency
/// through the real socket against a no-work gRPC baseline, ListAndWatch encode cost and size, and kubelet-restart
/// to re-registration time. Writes bench/results/device-plugin.md.
/// </summary>
public sealed class DevicePluginBenchmarkSuite : IBenchmarkSuite
{
    private const int Limit = KubeletProtocol.KubeletMaxReceiveMessageBytes;

    public string Name => "device-plugin";

    public async Task<int> RunAsync(string[] args)
    {
        var calls = args.Length == 2 && args[0] == "--calls" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
        var report = new StringBuilder();
        report.AppendLine("# Device plugin benchmarks");
        report.AppendLine();
        report.AppendLine("Run: `dotnet run -c Release --project bench/Confcom.Benchmarks -- device-plugin` (optional `--calls N`, default 10000).");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Machine: {MachineDescription.Markdown()}; SDK `dotnet --version` {MachineDescription.DotnetSdkVersion()}.");
        report.AppendLine();
        report.AppendLine("The machine was **shared** with other engineers building and testing at the same time (2 cores), so absolute");
        report.AppendLine("times are noisy; ratios against the baseline measured in the same run, interleaved in blocks, are the figures to compare.");
        report.AppendLine();

        var root = Path.Combine("/tmp", "cc-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await MeasureOverSocketsAsync(root, calls, report);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
        MeasureEncoding(report);

        var file = Path.Combine(MachineDescription.ResultsDirectory(), "device-plugin.md");
        await File.WriteAllTextAsync(file, report.ToString());
        Console.WriteLine(report);
        Console.WriteLine($"written to {file}");
        return 0;
    }

    private static async Task MeasureOverSocketsAsync(string root, int calls, StringBuilder report)
    {
        var hostRoot = Path.Combine(root, "host");
        Directory.CreateDirectory(Path.Combine(hostRoot, "dev"));
        // Real character devices (links to /dev/null) so Allocate builds its full response.
        File.CreateSymbolicLink(HostPath.Under(hostRoot, SgxDeviceNodePaths.Enclave), "/dev/null");
        File.CreateSymbolicLink(HostPath.Under(hostRoot, SgxDeviceNodePaths.Provision), "/dev/null");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var ct = timeout.Token;

        await using var kubelet = await KubeletEmulator.StartAsync(Path.Combine(root, "dp"), cancellationToken: ct);
        var builder = DaemonHost.CreateBuilder(new DaemonHostOptions { Loggers = Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance });
        builder.Services.AddSgxDevicePlugin(options =>
        {
            options.KubeletDirectory = kubelet.DeviceDirectory;
            options.HostRoot = hostRoot;
            options.EpcBytes = 128 * EpcSize.Mebibyte;
            options.KubeletPollInterval = TimeSpan.FromSeconds(1);
        });
        using var host = builder.Build();
        await host.StartAsync(ct);
        var plugin = await kubelet.WaitForResourceAsync(SgxResourceNames.EpcMebibytes, ct);
        var devices = await plugin.WaitForDevicesAsync(d => d.Count == 128, ct);

        // Allocate vs GetDevicePluginOptions (same socket, same channel, no work), interleaved in blocks of 500.
        var allocate = new LatencySample();
        var baseline = new LatencySample();
        for (var i = 0; i < 2000; i++)
        {
            await plugin.GetDevicePluginOptionsAsync(ct);
            await plugin.AllocateAsync([devices[i % 128].ID], ct);
        }
        const int Block = 500;
        for (var done = 0; done < calls; done += Block)
        {
            for (var i = 0; i < Block; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await plugin.GetDevicePluginOptionsAsync(ct);
                baseline.Add(start);
            }
            for (var i = 0; i < Block; i++)
            {
                var ids = new[] { devices[(done + i) % 128].ID, devices[(done + i + 1) % 128].ID };
                var start = Stopwatch.GetTimestamp();
                await plugin.AllocateAsync(ids, ct);
                allocate.Add(start);
            }
        }
        report.AppendLine("## Allocate latency through the real Unix socket");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"{allocate.Count} Allocate calls (one container, 2 device IDs, 128 MiB EPC, real DeviceSpecs) and {baseline.Count} baseline");
        report.AppendLine("calls of GetDevicePluginOptions (a gRPC round trip that does no work) on the same channel, sequential, client = the kubelet emulator.");
        report.AppendLine();
        report.AppendLine("| | p50 | p99 | mean |");
        report.AppendLine("|---|---|---|---|");
        report.AppendLine(CultureInfo.InvariantCulture, $"| GetDevicePluginOptions (baseline) | {LatencySample.Us(baseline.Percentile(50))} | {LatencySample.Us(baseline.Percentile(99))} | {LatencySample.Us(baseline.Mean)} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| Allocate | {LatencySample.Us(allocate.Percentile(50))} | {LatencySample.Us(allocate.Percentile(99))} | {LatencySample.Us(allocate.Mean)} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| ratio Allocate / baseline | {LatencySample.Ratio(allocate.Percentile(50), baseline.Percentile(50))} | {LatencySample.Ratio(allocate.Percentile(99), baseline.Percentile(99))} | {LatencySample.Ratio(allocate.Mean, baseline.Mean)} |");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Target Allocate p99 ≤ 1 ms: **{(allocate.Percentile(99) <= 1000 ? "met" : "missed")}** ({LatencySample.Us(allocate.Percentile(99))}).");
        report.AppendLine();

        // Kubelet restart → plugin notices (inotify on the directory), rebinds, registers, and the new list arrives.
        var reregistration = new LatencySample();
        const int Restarts = 10;
        for (var i = 0; i < Restarts; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await kubelet.RestartAsync(ct);
            var again = await kubelet.WaitForResourceAsync(SgxResourceNames.EpcMebibytes, ct);
            await again.WaitForDevicesAsync(d => d.Count == 128 && d.All(x => x.Health == KubeletProtocol.Healthy), ct);
            reregistration.Add(start);
        }
        report.AppendLine("## Kubelet restart to re-registration");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"{Restarts} emulated kubelet restarts (stop, delete every socket, recreate kubelet.sock); measured from the start of the");
        report.AppendLine("restart until the plugin has re-registered and the emulator holds its full, healthy device list again. The restart itself");
        report.AppendLine("(stopping and starting the emulator's own gRPC server) is inside the figure, so it is an upper bound for the plugin's part.");
        report.AppendLine();
        report.AppendLine("| p50 | max | mean |");
        report.AppendLine("|---|---|---|");
        report.AppendLine(CultureInfo.InvariantCulture, $"| {LatencySample.Ms(reregistration.Percentile(50))} | {LatencySample.Ms(reregistration.Percentile(100))} | {LatencySample.Ms(reregistration.Mean)} |");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Target re-registration ≤ 1 s: **{(reregistration.Percentile(100) <= 1_000_000 ? "met" : "missed")}** (worst {LatencySample.Ms(reregistration.Percentile(100))}).");
        report.AppendLine();
        await host.StopAsync(ct);
    }

    private static void MeasureEncoding(StringBuilder report)
    {
        report.AppendLine("## ListAndWatch message: encode time and size");
        report.AppendLine();
        report.AppendLine("Encode = build the full Healthy device list (compact IDs) and serialize it to bytes. Baseline = the same list");
        report.AppendLine(CultureInfo.InvariantCulture, $"with decimal IDs \"0\"..\"N-1\" (the Alibaba/AKS convention), built and serialized the same way. Kubelet limit: {Limit:N0} bytes.");
        report.AppendLine();
        report.AppendLine("| EPC | devices | compact bytes | decimal bytes | size ratio | fits 4 MiB | compact encode (median) | decimal encode (median) | time ratio |");
        report.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var (label, mebibytes, repeats) in new[] { ("64 MiB", 64, 2001), ("8 GiB", 8192, 51), ("256 GiB", 262_144, 5) })
        {
            var resource = new EpcMebibyteResource(mebibytes, grantsProvision: false);
            var compact = new LatencySample();
            var decimalIds = new LatencySample();
            var compactBytes = 0;
            var decimalBytes = 0;
            for (var i = 0; i < repeats; i++)
            {
                var start = Stopwatch.GetTimestamp();
                compactBytes = DeviceListEncoder.Encode(resource, KubeletProtocol.Healthy).ToByteArray().Length;
                compact.Add(start);
                start = Stopwatch.GetTimestamp();
                decimalBytes = EncodeDecimal(mebibytes).ToByteArray().Length;
                decimalIds.Add(start);
            }
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {label} | {mebibytes:N0} | {compactBytes:N0} | {decimalBytes:N0} | {(double)compactBytes / decimalBytes:0.000} | {(compactBytes <= Limit ? "yes" : "no")} (decimal: {(decimalBytes <= Limit ? "yes" : "no")}) | " +
                $"{LatencySample.Us(compact.Percentile(50))} | {LatencySample.Us(decimalIds.Percentile(50))} | {LatencySample.Ratio(compact.Percentile(50), decimalIds.Percentile(50))} |");
        }
        report.AppendLine();
        report.AppendLine("The plugin encodes each list once per health state and caches it, so a health change costs one send, not one encode.");
    }

    private static ListAndWatchResponse EncodeDecimal(int count)
    {
        var response = new ListAndWatchResponse();
        for (var i = 0; i < count; i++)
        {
            response.Devices.Add(new Device { ID = i.ToString(CultureInfo.InvariantCulture), Health = KubeletProtocol.Healthy });
        }
        return response;
    }
}
