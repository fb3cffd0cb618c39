using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Confcom.DevicePlugin.KubeletEmulation;
using Confcom.DevicePlugin.Resources;
using Confcom.TestData;

namespace Confcom.Benchmarks.Footprint;

/// <summary>
/// <c>dotnet run -c Release --project bench/Confcom.Benchmarks -- footprint --jit DIR/confcom.dll --aot DIR/confcom
/// [--qvl test_case.js] [--runs N] [--idle SECONDS] [--scrapes N] [--env NAME=VALUE ...] [--only device-plugin|quote-helper|verify]
/// [--out FILE]</c>: the daemons' idle resident memory (anonymous and file-backed) and time to ready, JIT and AOT
/// side by side in one run (interleaved), and <c>confcom verify</c> as a whole process against dcap-qvl's CLI on the
/// same quote and collateral. Writes bench/results/footprint-run.md (the figures; footprint.md is the commentary).
/// </summary>
public sealed class FootprintSuite : IBenchmarkSuite
{
    public string Name => "footprint";

    public async Task<int> RunAsync(string[] args)
    {
        var settings = FootprintSettings.Parse(args);
        var report = new StringBuilder();
        report.AppendLine("# Footprint run (JIT vs NativeAOT, one run)");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Machine: {MachineDescription.Markdown()}; SDK {MachineDescription.DotnetSdkVersion()}; load average at start {MachineDescription.LoadAverage()}.");
        report.AppendLine(CultureInfo.InvariantCulture, $"Runs: {settings.Runs} per build and figure, interleaved (JIT, AOT, JIT, ...); {settings.Scrapes} /metrics scrapes and /healthz probes after ready, idle {settings.Idle.TotalSeconds:0} s, {settings.Scrapes} more scrapes and probes, 1 s, then measured; environment {(settings.Environment.Count == 0 ? "as given" : string.Join(' ', settings.Environment.Select(e => e.Key + "=" + e.Value)))}.");
        report.AppendLine();
        var root = Path.Combine("/tmp", "ccfp-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        try
        {
            if (settings.Includes("device-plugin") || settings.Includes("quote-helper"))
            {
                report.AppendLine("| daemon | build | idle RSS MiB (median, min-max) | anonymous MiB | file-backed MiB | threads | start to ready ms (median, min-max) |");
                report.AppendLine("|---|---|---|---|---|---|---|");
            }
            var breakdowns = new StringBuilder();
            foreach (var daemon in new[] { "device-plugin", "quote-helper" }.Where(settings.Includes))
            {
                var samples = settings.Builds.ToDictionary(b => b.Name, _ => new List<DaemonSample>());
                for (var run = 0; run < settings.Runs; run++)
                {
                    foreach (var build in settings.Builds)
                    {
                        var dir = Path.Combine(root, $"{daemon}-{build.Name}-{run}");
                        Directory.CreateDirectory(dir);
                        samples[build.Name].Add(daemon == "device-plugin"
                            ? await DevicePluginAsync(build, settings, dir)
                            : await QuoteHelperAsync(build, settings, dir));
                    }
                }
                foreach (var build in settings.Builds)
                {
                    var s = samples[build.Name];
                    report.AppendLine(CultureInfo.InvariantCulture,
                        $"| {daemon} | {build.Name} | {Stat(s.Select(x => x.Memory.RssKib / 1024.0))} | {Median(s.Select(x => x.Memory.AnonKib / 1024.0)):0.0} | {Median(s.Select(x => x.Memory.FileKib / 1024.0)):0.0} | {Median(s.Select(x => (double)x.Memory.Threads)):0} | {Stat(s.Select(x => x.Ready.TotalMilliseconds), "0")} |");
                    Breakdown(breakdowns, daemon, build.Name, s[s.Count / 2].Memory);
                }
            }
            if (breakdowns.Length > 0)
            {
                report.AppendLine();
                report.AppendLine("Largest resident mappings of one run per build (KiB resident / of it anonymous):");
                report.AppendLine();
                report.Append(breakdowns);
            }
            if (settings.Includes("verify"))
            {
                await VerifyAsync(settings, report);
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Load average at end: {MachineDescription.LoadAverage()}.");
        var file = settings.Output ?? Path.Combine(MachineDescription.ResultsDirectory(), "footprint-run.md");
        await File.WriteAllTextAsync(file, report.ToString());
        Console.WriteLine(report);
        Console.WriteLine($"written to {file}");
        return 0;
    }

    private static async Task<DaemonSample> DevicePluginAsync(DaemonBuild build, FootprintSettings settings, string dir)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var kubelet = await KubeletEmulator.StartAsync(Path.Combine(dir, "dp"), cancellationToken: timeout.Token);
        var port = FreePort();
        var stopwatch = Stopwatch.StartNew();
        using var process = build.Start(settings.Environment, "device-plugin", "--simulate", "--epc", "128MiB",
            "--kubelet-dir", kubelet.DeviceDirectory, "--metrics-listen", FormattableString.Invariant($"127.0.0.1:{port}"));
        try
        {
            // Registered: the kubelet stand-in has accepted Register and dialled the plugin back.
            await kubelet.WaitForResourceAsync(SgxResourceNames.EpcMebibytes, timeout.Token);
            var ready = stopwatch.Elapsed;
            return await IdleAsync(process, port, ready, settings, timeout.Token);
        }
        finally
        {
            await StopAsync(process);
        }
    }

    private static async Task<DaemonSample> QuoteHelperAsync(DaemonBuild build, FootprintSettings settings, string dir)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var state = Path.Combine(dir, "state");
        if (settings.QuoteHelperState is null)
        {
            // One simulated identity for every run (creating it is not start-up).
            settings.QuoteHelperState = Path.Combine(Path.GetDirectoryName(dir)!, "qh-state");
            using var init = build.Start(settings.Environment, "sim", "init", "--state-dir", settings.QuoteHelperState);
            await init.WaitForExitAsync(timeout.Token);
        }
        var socket = Path.Combine(dir, "aesm.socket");
        var port = FreePort();
        var stopwatch = Stopwatch.StartNew();
        using var process = build.Start(settings.Environment, "quote-helper", "--backend", "simulated", "--state-dir", settings.QuoteHelperState,
            "--socket", socket, "--metrics-listen", FormattableString.Invariant($"127.0.0.1:{port}"));
        try
        {
            // Listening: a client's connect succeeds.
            while (true)
            {
                timeout.Token.ThrowIfCancellationRequested();
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"quote-helper exited with {process.ExitCode}: {await process.StandardError.ReadToEndAsync()}");
                }
                if (File.Exists(socket))
                {
                    using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    try
                    {
                        probe.Connect(new UnixDomainSocketEndPoint(socket));
                        break;
                    }
                    catch (SocketException)
                    {
                    }
                }
                await Task.Delay(1, timeout.Token);
            }
            var ready = stopwatch.Elapsed;
            return await IdleAsync(process, port, ready, settings, timeout.Token);
        }
        finally
        {
            await StopAsync(process);
        }
    }

    /// <summary>
    /// Scrapes /metrics and probes /healthz a number of times (as Prometheus and the kubelet would over a while, so
    /// the GC's steady state is measured rather than the heap just after start), then idles, then reads the kernel's
    /// accounting.
    /// </summary>
    private static async Task<DaemonSample> IdleAsync(Process process, int port, TimeSpan ready, FootprintSettings settings, CancellationToken ct)
    {
        using (var http = new HttpClient())
        {
            // The metrics listener may come up just after the daemon's own socket.
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    var metrics = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"), ct);
                    if (!metrics.Contains("confcom_", StringComparison.Ordinal))
                    {
                        throw new InvalidOperationException("/metrics has no confcom_ series");
                    }
                    for (var scrape = 1; scrape < settings.Scrapes; scrape++)
                    {
                        await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"), ct);
                        await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/healthz"), ct);
                        await Task.Delay(20, ct);
                    }
                    break;
                }
                catch (HttpRequestException) when (attempt < 200)
                {
                    await Task.Delay(10, ct);
                }
            }
        }
        await Task.Delay(settings.Idle, ct);
        // The same traffic again after the idle wait (past any start-up release), so pages and heap the steady
        // state needs are counted, then a short pause.
        using (var http = new HttpClient())
        {
            for (var scrape = 0; scrape < settings.Scrapes; scrape++)
            {
                await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"), ct);
                await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/healthz"), ct);
                await Task.Delay(20, ct);
            }
        }
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        if (settings.SmapsDirectory is { } dump)
        {
            // For a closer look at one run (which mapping holds what).
            Directory.CreateDirectory(dump);
            File.Copy($"/proc/{process.Id}/smaps", Path.Combine(dump, $"smaps-{process.Id}"), overwrite: true);
        }
        return new DaemonSample(ready, ProcessMemory.Read(process.Id));
    }

    private static async Task StopAsync(Process process)
    {
        if (!process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }
    }

    private static async Task VerifyAsync(FootprintSettings settings, StringBuilder report)
    {
        var quote = SampleQuoteFiles.Path("sgx_quote");
        var collateral = SampleQuoteFiles.Path("sgx_quote_collateral.json");
        const string At = "1752919277";
        var commands = settings.Builds.Select(b => (b.Name, Start: (Func<Process>)(() =>
            b.Start(settings.Environment, "verify", quote, "--collateral", collateral, "--at", At)))).ToList();
        if (settings.Qvl is { } qvl)
        {
            commands.Add(("dcap-qvl (node test_case.js)", () => DaemonBuild.StartRaw("node", [qvl, "verify", "--time", At, quote, collateral], settings.Environment)));
        }
        var times = commands.ToDictionary(c => c.Name, _ => new List<double>());
        var runs = settings.Runs * 2;
        for (var run = -1; run < runs; run++)
        {
            foreach (var (name, start) in commands)
            {
                var stopwatch = Stopwatch.StartNew();
                using var process = start();
                var output = await process.StandardOutput.ReadToEndAsync();
                await process.WaitForExitAsync();
                var elapsed = stopwatch.Elapsed.TotalMilliseconds;
                if (!output.Contains("ConfigurationAndSWHardeningNeeded", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"{name} verify printed no expected status: {output} {await process.StandardError.ReadToEndAsync()}");
                }
                if (run >= 0)
                {
                    times[name].Add(elapsed);
                }
            }
        }
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"`verify` of tests/testdata/quotes/sgx_quote with its collateral at {At}, whole process (start to exit), {runs} runs each after one warm-up, interleaved:");
        report.AppendLine();
        var baseline = settings.Qvl is null ? null : times.Keys.Last();
        report.AppendLine("| command | wall ms (median, min-max) | ratio to dcap-qvl, pair by pair (median, min-max) |");
        report.AppendLine("|---|---|---|");
        foreach (var (name, list) in times)
        {
            var ratio = baseline is null || name == baseline ? "—"
                : Stat(list.Zip(times[baseline], (a, b) => a / b), "0.00") + "×";
            report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {Stat(list, "0")} | {ratio} |");
        }
    }

    private static void Breakdown(StringBuilder text, string daemon, string build, ProcessMemory memory)
    {
        text.Append(CultureInfo.InvariantCulture, $"- {daemon} {build} ({memory.RssKib} KiB, {memory.Threads} threads): ");
        text.AppendJoin(", ", memory.Mappings.Take(8).Select(m => $"`{Path.GetFileName(m.Name.TrimEnd('/'))}` {m.RssKib}/{m.AnonKib}"));
        text.AppendLine();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Stat(IEnumerable<double> values, string format = "0.0")
    {
        var list = values.ToList();
        return string.Create(CultureInfo.InvariantCulture, $"{Median(list).ToString(format, CultureInfo.InvariantCulture)} ({list.Min().ToString(format, CultureInfo.InvariantCulture)}-{list.Max().ToString(format, CultureInfo.InvariantCulture)})");
    }
}
