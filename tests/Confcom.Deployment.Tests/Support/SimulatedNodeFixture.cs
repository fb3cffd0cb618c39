using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Confcom.Chart.Tests.Support;
using Confcom.DevicePlugin.KubeletEmulation;
using Confcom.DevicePlugin.V1Beta1;
using k8s.Models;

namespace Confcom.Deployment.Tests.Support;

/// <summary>
/// One simulated SGX node built from the chart, in containers: the chart rendered with simulation values, its
/// device-plugin and quote-helper DaemonSet containers and its simulated PCS run from confcom:dev with the chart's
/// own args, env, mounts and security context, and the in-repo kubelet stand-in serving the device-plugin directory
/// from this (host) side and admitting the quote helper with its Allocate responses applied.
/// </summary>
/// <remarks>
/// Networking: the engine here runs with --bridge=none and no iptables, and tests may only send traffic to loopback.
/// The node daemons therefore run with --network none (they talk over Unix sockets in bind-mounted host folders,
/// exactly as on a node); the PCS and webhook, which need TCP, share the host's network namespace and listen on free
/// ports chosen here (chart values), and the attestation container reaches the PCS's Service name via --add-host.
/// </remarks>
public sealed class SimulatedNodeFixture : IAsyncLifetime
{
    public const string Image = "confcom:dev";
    public const string SampleImage = "confcom-attestation-sample:dev";
    public const string EpcResource = "kubernetes.azure.com/sgx_epc_mem_in_MiB";
    public const string QeResource = "sgx.intel.com/qe";

    /// <summary>Safety net for each wait (container start, registration); never a pass/fail threshold.</summary>
    public static readonly TimeSpan SafetyNet = TimeSpan.FromMinutes(2);

    private readonly List<string> _containers = [];

    internal NodeDirectories Node { get; } = new();

    internal RenderedChart Chart { get; private set; } = null!;

    internal KubeletEmulator Kubelet { get; private set; } = null!;

    internal string RootSecretFolder { get; private set; } = "";

    public int PcsPort { get; } = FreePort();

    public int WebhookPort { get; } = FreePort();

    public string DevicePluginContainer { get; private set; } = "";

    public string QuoteHelperContainer { get; private set; } = "";

    public string PcsContainer { get; private set; } = "";

    /// <summary>Device IDs of the EPC resource that the kubelet stand-in has not handed out yet.</summary>
    internal Queue<string> FreeEpcIds { get; } = new();

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(SafetyNet * 3);
        var ct = timeout.Token;
        foreach (var image in new[] { Image, SampleImage })
        {
            var inspect = await DockerCli.RunAsync(["image", "inspect", image]);
            if (inspect.ExitCode != 0)
            {
                throw new InvalidOperationException($"image {image} is missing ({inspect.Stderr.Trim()}); build it with deploy/docker/build-local-image.sh");
            }
        }

        Chart = RenderedChart.Render("simulation",
            "--set", "image.repository=confcom", "--set", "image.tag=dev",
            "--set", "attestationTest.image.repository=confcom-attestation-sample",
            "--set", $"simulation.pcs.port={PcsPort}",
            "--set", "webhook.enabled=true", "--set", $"webhook.port={WebhookPort}");

        // What the node has before any pod: the kubelet's directory, /dev (no SGX: simulation), the NUMA tree.
        var kubeletDir = Node.Existing("/var/lib/kubelet/device-plugins");
        Node.Existing("/dev");
        Node.Existing("/sys/devices/system/node");
        RootSecretFolder = await CreateRootSecretFolderAsync();

        Kubelet = await KubeletEmulator.StartAsync(kubeletDir, cancellationToken: ct);

        DevicePluginContainer = await StartAsync(Chart.DevicePlugin.Spec.Template.Spec, run => { });
        var epc = await WhileRunningAsync(DevicePluginContainer, Kubelet.WaitForResourceAsync(EpcResource, ct));
        var devices = await WhileRunningAsync(DevicePluginContainer, epc.WaitForDevicesAsync(d => d.Count > 0 && d.All(x => x.Health == "Healthy"), ct));
        foreach (var device in devices)
        {
            FreeEpcIds.Enqueue(device.ID);
        }
        var qe = await WhileRunningAsync(DevicePluginContainer, Kubelet.WaitForResourceAsync(QeResource, ct));
        var qeDevices = await WhileRunningAsync(DevicePluginContainer, qe.WaitForDevicesAsync(d => d.Count == 1 && d[0].Health == "Healthy", ct));

        // Admit the quote helper as the kubelet would: one Allocate per resource it requests, applied to the container.
        var helperSpec = Chart.QuoteHelper.Spec.Template.Spec;
        var helper = helperSpec.Containers.Single();
        var qeAllocation = await qe.AllocateAsync([qeDevices[0].ID], ct);
        var epcAllocation = await AllocateEpcAsync(int.Parse(helper.Resources.Limits[EpcResource].ToString(), System.Globalization.CultureInfo.InvariantCulture), ct);
        QuoteHelperContainer = await StartAsync(helperSpec, run => run.WithAllocation(qeAllocation).WithAllocation(epcAllocation));
        await WaitForLogAsync(QuoteHelperContainer, "Quote helper listening on /var/run/aesmd/aesm.socket", ct);

        var pcs = Chart.Single<V1Deployment>("confcom-pcs").Spec.Template.Spec;
        PcsContainer = await StartAsync(pcs, run => run.Network = "host");
        // The host's own start record (Confcom.Hosting.DaemonHost, event 6000), in either log format.
        await WaitForLogAsync(PcsContainer, "Listening on http://", ct);
    }

    /// <summary>The kubelet stand-in's Allocate of <paramref name="mebibytes"/> EPC devices for one container.</summary>
    internal async Task<ContainerAllocateResponse> AllocateEpcAsync(int mebibytes, CancellationToken ct)
    {
        var ids = Enumerable.Range(0, mebibytes).Select(_ => FreeEpcIds.Dequeue()).ToList();
        var epc = await Kubelet.WaitForResourceAsync(EpcResource, ct);
        return await epc.AllocateAsync(ids, ct);
    }

    /// <summary>Starts the pod's single container detached; returns its name (removed on dispose).</summary>
    internal async Task<string> StartAsync(V1PodSpec spec, Action<PodContainerRun> configure)
    {
        var run = Prepare(spec, spec.Containers.Single(), configure);
        _containers.Add(run.Name);
        await DockerCli.CheckedAsync([.. run.Arguments(detached: true)]);
        return run.Name;
    }

    internal PodContainerRun Prepare(V1PodSpec spec, V1Container container, Action<PodContainerRun> configure)
    {
        var run = new PodContainerRun(spec, container, Node);
        run.SecretFolders["confcom-sim-root"] = RootSecretFolder;
        configure(run);
        return run;
    }

    internal void Track(string container) => _containers.Add(container);

    /// <summary>Awaits <paramref name="task"/>, failing with the container's log as soon as the container exits.</summary>
    public static async Task<T> WhileRunningAsync<T>(string container, Task<T> task)
    {
        while (!task.IsCompleted)
        {
            await Task.WhenAny(task, Task.Delay(500));
            var state = (await DockerCli.RunAsync(["inspect", "-f", "{{.State.Running}} {{.State.ExitCode}}", container])).Stdout.Trim();
            if (!task.IsCompleted && state.StartsWith("false", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"container {container} exited ({state}):\n{await DockerCli.LogsAsync(container)}");
            }
        }
        try
        {
            return await task;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"gave up waiting on container {container}:\n{await DockerCli.LogsAsync(container)}");
        }
    }

    public static async Task WaitForLogAsync(string container, string text, CancellationToken ct)
    {
        while (true)
        {
            var logs = await DockerCli.LogsAsync(container);
            if (logs.Contains(text, StringComparison.OrdinalIgnoreCase))
            {
                return;
            }
            var state = (await DockerCli.RunAsync(["inspect", "-f", "{{.State.Running}} {{.State.ExitCode}}", container])).Stdout.Trim();
            if (state.StartsWith("false", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"container {container} exited ({state}) before logging '{text}':\n{logs}");
            }
            if (ct.IsCancellationRequested)
            {
                throw new TimeoutException($"container {container} never logged '{text}':\n{logs}");
            }
            await Task.Delay(200, CancellationToken.None);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var container in _containers)
        {
            await DockerCli.RunAsync(["rm", "-f", "-v", container]);
        }
        if (Kubelet is not null)
        {
            await Kubelet.DisposeAsync();
        }
        Node.Dispose();
    }

    /// <summary>
    /// The cluster's simulated root, made by the image itself (`confcom sim init` under a fresh root), laid out as the
    /// kubelet lays out the Secret volume: the six files, mode 0440, group 65532 (the pods' fsGroup).
    /// </summary>
    private async Task<string> CreateRootSecretFolderAsync()
    {
        var maker = Node.Scratch("root-maker");
        await DockerCli.CheckedAsync("run", "--rm", "--network", "none", "--read-only", "--cap-drop", "ALL",
            "--security-opt", "no-new-privileges", "--user", "0:0", "-v", $"{maker}:/out", Image,
            "sim", "init", "--state-dir", "/out/node", "--sim-root", "/out/root");
        var secret = Node.Scratch("secret-sim-root");
        foreach (var file in Directory.GetFiles(Path.Combine(maker, "root"), "*.pem"))
        {
            var target = Path.Combine(secret, Path.GetFileName(file));
            File.Copy(file, target);
            File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.GroupRead);
        }
        Assert.Equal(6, Directory.GetFiles(secret).Length);
        using var chown = Process.Start("chown", ["-R", "0:65532", secret]) ?? throw new InvalidOperationException("cannot run chown");
        await chown.WaitForExitAsync();
        if (chown.ExitCode != 0)
        {
            throw new InvalidOperationException($"chown of {secret} failed: the container tests run as root (as CI does)");
        }
        return secret;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
