using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Confcom.Attestation.Client;
using Confcom.DevicePlugin.KubeletEmulation;
using Confcom.Simulation.Enclaves;
using Confcom.Simulation.Platform;

namespace Confcom.Benchmarks.Deployment;

/// <summary>
/// <c>deployment</c>: the image and its two node daemons in containers (Docker engine at DOCKER_HOST, images from
/// deploy/docker/build-local-image.sh), started the way the chart's simulation values start them (read-only root,
/// every capability dropped, no-new-privileges, uid 0, the chart's memory limits, --network none): image size,
/// container start → registered with the kubelet stand-in, container start → quote helper accepting connections
/// (fresh node: the first start creates the node identity), and resident memory idle and under load.
/// <c>dotnet run -c Release --project bench/Confcom.Benchmarks -- deployment [runs]</c>; writes bench/results/deployment.md.
/// </summary>
public sealed class DeploymentStartupSuite : IBenchmarkSuite
{
    private const string Image = "confcom:dev";
    private const string NotesMarker = "<!-- notes: kept when the benchmark rewrites this file -->";

    public string Name => "deployment";

    public async Task<int> RunAsync(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var registered = new List<double>();
        var listening = new List<double>();
        var memory = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        void Add(string key, double value) => (memory.TryGetValue(key, out var list) ? list : memory[key] = []).Add(value);
        for (var run = 0; run < runs; run++)
        {
            var sample = await RunOnceAsync();
            registered.Add(sample.RegisteredMs);
            listening.Add(sample.ListeningMs);
            foreach (var (key, value) in new[] { ("pi", sample.PluginIdle), ("pl", sample.PluginLoaded), ("hi", sample.HelperIdle), ("hl", sample.HelperLoaded) })
            {
                Add(key + "-rss", value.Rss);
                Add(key + "-anon", value.Anon);
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {run + 1}: registered {sample.RegisteredMs:0} ms, listening {sample.ListeningMs:0} ms, device plugin RSS {sample.PluginIdle.Rss:0.0}/{sample.PluginLoaded.Rss:0.0} MiB (anon {sample.PluginIdle.Anon:0.0}/{sample.PluginLoaded.Anon:0.0}), quote helper RSS {sample.HelperIdle.Rss:0.0}/{sample.HelperLoaded.Rss:0.0} MiB (anon {sample.HelperIdle.Anon:0.0}/{sample.HelperLoaded.Anon:0.0})"));
        }

        var size = long.Parse((await Docker("image", "inspect", "-f", "{{.Size}}", Image)).Trim(), CultureInfo.InvariantCulture);
        var engine = (await Docker("version", "--format", "{{.Server.Version}}")).Trim();
        var kernel = (await Run("uname", "-r")).Trim();
        var text = new StringBuilder();
        text.AppendLine("# Deployment: image and node daemons in containers").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {MachineDescription.Markdown()}; `nproc` {Environment.ProcessorCount}; `uname -r` {kernel}; Docker Engine {engine} (Debian docker.io, vfs storage); load average {MachineDescription.LoadAverage()} (shared with other engineers' builds).").AppendLine();
        var build = (await Docker("image", "inspect", "-f", "{{index .Config.Labels \"org.opencontainers.image.description\"}}", Image)).Trim();
        text.AppendLine(CultureInfo.InvariantCulture, $"Produced by `dotnet run -c Release --project bench/Confcom.Benchmarks -- deployment` against the image from `deploy/docker/build-local-image.sh` (label: `{build}`).").AppendLine();
        text.AppendLine("| What | Median | Each run |").AppendLine("|---|---|---|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| `{Image}` image size | {size / 1e6:0} MB ({size / 1048576.0:0} MiB) | |");
        Row(text, "container start → device plugin registered with the kubelet (EPC + qe)", registered, "ms");
        Row(text, "container start → quote helper accepting on aesm.socket (first start on a new node)", listening, "ms");
        foreach (var (key, what) in new[]
        {
            ("pi", "device plugin, idle (registered, 128 EPC + 1 qe devices)"),
            ("pl", "device plugin, after 1,000 Allocate calls and 20 kubelet restarts"),
            ("hi", "quote helper, idle (listening)"),
            ("hl", "quote helper, after 1,000 quotes from 8 concurrent clients"),
        })
        {
            Row(text, what + ": VmRSS", memory[key + "-rss"], "MiB");
            Row(text, what + ": RssAnon", memory[key + "-anon"], "MiB");
        }
        text.AppendLine();
        text.AppendLine("Times run from Docker's `State.StartedAt` of the container to the moment the kubelet stand-in (host side) has the registration, " +
            "or the host first connects to the quote helper's socket; they include the process start. VmRSS counts the mapped executable and " +
            "libraries too (file-backed pages, reclaimable under a limit); RssAnon is the heap and stacks, what a memory limit cannot reclaim. " +
            $"Each container runs under the chart's memory limit from values.yaml (device plugin {Limits.DevicePlugin}, quote helper {Limits.QuoteHelper}), " +
            "so a run that went over it would have been OOM-killed and failed here.");
        var path = Path.Combine(MachineDescription.ResultsDirectory(), "deployment.md");
        // Notes written by hand below the marker (comparisons with earlier runs, CI minutes) survive a re-run.
        if (File.Exists(path) && (await File.ReadAllTextAsync(path)) is var previous && previous.IndexOf(NotesMarker, StringComparison.Ordinal) is >= 0 and var at)
        {
            text.AppendLine().Append(previous[at..]);
        }
        await File.WriteAllTextAsync(path, text.ToString());
        Console.WriteLine($"wrote {path}");
        return 0;
    }

    private static void Row(StringBuilder text, string what, List<double> values, string unit)
    {
        var sorted = values.Order().ToList();
        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        var format = unit == "ms" ? "0" : "0.0";
        text.AppendLine(CultureInfo.InvariantCulture, $"| {what} | {median.ToString(format, CultureInfo.InvariantCulture)} {unit} | {string.Join(", ", values.Select(v => v.ToString(format, CultureInfo.InvariantCulture)))} |");
    }

    /// <summary>The chart's memory limits, read from values.yaml so the benchmark runs what the chart deploys.</summary>
    private static readonly (string DevicePlugin, string QuoteHelper) Limits = ReadLimits();

    private static (string DevicePlugin, string QuoteHelper) ReadLimits()
    {
        var lines = File.ReadAllLines(Path.Combine(MachineDescription.RepositoryRoot(), "deploy", "helm", "confcom", "values.yaml"));
        string Limit(string section)
        {
            var start = Array.FindIndex(lines, l => l == section + ":");
            var limits = start < 0 ? -1 : Array.FindIndex(lines, start, l => l.Trim() == "limits:");
            var memory = limits < 0 || limits + 1 >= lines.Length ? "" : lines[limits + 1].Trim();
            return memory.StartsWith("memory:", StringComparison.Ordinal)
                ? memory["memory:".Length..].Trim()
                : throw new InvalidOperationException($"values.yaml: no {section}.resources.limits.memory");
        }
        return (Limit("devicePlugin"), Limit("quoteHelper"));
    }

    /// <summary>Kubernetes quantity (Mi) as docker's --memory value.</summary>
    private static string DockerMemory(string quantity) =>
        quantity.EndsWith("Mi", StringComparison.Ordinal) ? quantity[..^2] + "m" : throw new InvalidOperationException($"values.yaml: memory limit {quantity} is not in Mi");

    private static async Task<RunSample> RunOnceAsync()
    {
        var root = Path.Combine("/tmp", "ccb-" + Guid.NewGuid().ToString("N")[..8]);
        string Dir(string name)
        {
            var path = Path.Combine(root, name);
            Directory.CreateDirectory(path);
            return path;
        }
        var kubeletDir = Dir("dp");
        var containers = new List<string>();
        try
        {
            // The cluster's simulated root, laid out as its Secret volume (0440, group 65532).
            await Docker("run", "--rm", "--network", "none", "--read-only", "--cap-drop", "ALL", "--user", "0:0", "-v", $"{Dir("maker")}:/out",
                Image, "sim", "init", "--state-dir", "/out/node", "--sim-root", "/out/root");
            var secret = Dir("secret");
            foreach (var file in Directory.GetFiles(Path.Combine(root, "maker", "root")))
            {
                File.Copy(file, Path.Combine(secret, Path.GetFileName(file)));
            }
            await Run("chmod", ["0440", .. Directory.GetFiles(secret)]);
            await Run("chown", "-R", "0:65532", secret);

            await using var kubelet = await KubeletEmulator.StartAsync(kubeletDir);
            string[] locked = ["--network", "none", "--read-only", "--cap-drop", "ALL", "--security-opt", "no-new-privileges", "--user", "0:0"];
            var plugin = "ccb-dp-" + Guid.NewGuid().ToString("N")[..6];
            containers.Add(plugin);
            await Docker(["run", "-d", "--name", plugin, .. locked, "--memory", DockerMemory(Limits.DevicePlugin),
                "-v", $"{kubeletDir}:/var/lib/kubelet/device-plugins", "-v", $"{Dir("dev")}:/host/dev:ro", "-v", $"{Dir("sysnode")}:/host/sys/devices/system/node:ro",
                Image, "device-plugin", "--kubelet-dir=/var/lib/kubelet/device-plugins", "--host-root=/host",
                "--resources=kubernetes.azure.com/sgx_epc_mem_in_MiB,sgx.intel.com/qe", "--metrics-listen=0.0.0.0:9562", "--simulate", "--epc=128MiB"]);
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var epc = await kubelet.WaitForResourceAsync("kubernetes.azure.com/sgx_epc_mem_in_MiB", timeout.Token);
            await kubelet.WaitForResourceAsync("sgx.intel.com/qe", timeout.Token);
            var registeredAt = DateTimeOffset.UtcNow;
            var registeredMs = (registeredAt - await StartedAtAsync(plugin)).TotalMilliseconds;

            var helper = "ccb-qh-" + Guid.NewGuid().ToString("N")[..6];
            containers.Add(helper);
            var aesmd = Dir("aesmd");
            var state = Dir("state");
            await Docker(["run", "-d", "--name", helper, .. locked, "--memory", DockerMemory(Limits.QuoteHelper),
                "-v", $"{aesmd}:/var/run/aesmd", "-v", $"{state}:/var/lib/confcom/sim", "-v", $"{secret}:/etc/confcom/sim-root:ro",
                Image, "quote-helper", "--socket=/var/run/aesmd/aesm.socket", "--backend=simulated", "--state-dir=/var/lib/confcom/sim",
                "--sim-root=/etc/confcom/sim-root", "--metrics-listen=0.0.0.0:9563"]);
            var socket = Path.Combine(aesmd, "aesm.socket");
            while (!CanConnect(socket))
            {
                timeout.Token.ThrowIfCancellationRequested();
                await Task.Delay(5);
            }
            var listeningMs = (DateTimeOffset.UtcNow - await StartedAtAsync(helper)).TotalMilliseconds;

            await Task.Delay(TimeSpan.FromSeconds(3));
            var pluginIdle = await RssMiBAsync(plugin);
            var helperIdle = await RssMiBAsync(helper);

            var devices = await epc.WaitForDevicesAsync(d => d.Count == 128, timeout.Token);
            for (var i = 0; i < 1000; i++)
            {
                await epc.AllocateAsync(devices.Skip(i % 118).Take(10).Select(d => d.ID).ToList(), timeout.Token);
            }
            for (var i = 0; i < 20; i++)
            {
                var before = kubelet.RegistrationCount("kubernetes.azure.com/sgx_epc_mem_in_MiB");
                await kubelet.RestartAsync(timeout.Token);
                while (kubelet.RegistrationCount("kubernetes.azure.com/sgx_epc_mem_in_MiB") <= before)
                {
                    await kubelet.WaitForResourceAsync("kubernetes.azure.com/sgx_epc_mem_in_MiB", timeout.Token);
                    await Task.Delay(20);
                }
            }
            var pluginLoaded = await RssMiBAsync(plugin);

            // The node state belongs to the quote helper; on the host (root) the test reads it as the sample Job does.
            using (var platform = SimulatedPlatform.Open(state, secret))
            {
                var enclave = new SimulatedEnclave(platform, new SimulatedEnclaveIdentity
                {
                    MrEnclave = SHA256.HashData(Encoding.ASCII.GetBytes("confcom deployment benchmark")),
                    MrSigner = SHA256.HashData(Encoding.ASCII.GetBytes("confcom deployment benchmark signer")),
                });
                var client = new QuoteClient(new QuoteClientOptions { Mode = QuotingMode.OutOfProcess, AesmSocketPath = socket });
                var next = 0;
                await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
                {
                    var reportData = new byte[64];
                    while (Interlocked.Increment(ref next) <= 1000)
                    {
                        var target = await client.GetTargetInfoAsync(timeout.Token);
                        await client.GetQuoteAsync(enclave.CreateReport(target, reportData), timeout.Token);
                    }
                }));
            }
            var helperLoaded = await RssMiBAsync(helper);
            return new RunSample(registeredMs, listeningMs, pluginIdle, pluginLoaded, helperIdle, helperLoaded);
        }
        finally
        {
            foreach (var container in containers)
            {
                await Run("docker", "rm", "-f", container);
            }
            Directory.Delete(root, recursive: true);
        }
    }

    private static bool CanConnect(string socketPath)
    {
        if (!File.Exists(socketPath))
        {
            return false;
        }
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(socketPath));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task<DateTimeOffset> StartedAtAsync(string container) =>
        DateTimeOffset.Parse((await Docker("inspect", "-f", "{{.State.StartedAt}}", container)).Trim(), CultureInfo.InvariantCulture);

    /// <summary>VmRSS and RssAnon (the part that cannot be reclaimed, what a memory limit OOM-kills on) in MiB.</summary>
    private static async Task<(double Rss, double Anon)> RssMiBAsync(string container)
    {
        var pid = (await Docker("inspect", "-f", "{{.State.Pid}}", container)).Trim();
        var lines = File.ReadLines($"/proc/{pid}/status").ToList();
        double Field(string name) => long.Parse(lines.First(l => l.StartsWith(name, StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        return (Field("VmRSS:"), Field("RssAnon:"));
    }

    private static Task<string> Docker(params string[] args) => Run("docker", args);

    private static async Task<string> Run(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? await stdout : throw new InvalidOperationException($"{tool} {string.Join(' ', args)}: {await stderr}");
    }

    private sealed record RunSample(double RegisteredMs, double ListeningMs, (double Rss, double Anon) PluginIdle, (double Rss, double Anon) PluginLoaded,
        (double Rss, double Anon) HelperIdle, (double Rss, double Anon) HelperLoaded);
}
