using System.Net;
using Confcom.DevicePlugin.KubeletEmulation;
using Confcom.Hosting;
using Confcom.DevicePlugin.Registration;
using Confcom.DevicePlugin.Platform;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Confcom.DevicePlugin.Tests.Support;

/// <summary>
/// A short temp dir holding a fake host root (dev/ with device nodes as links to the real /dev/null) and a
/// kubelet device-plugins dir served by the <see cref="KubeletEmulator"/>; the real plugin host runs against both.
/// </summary>
internal sealed class PluginTestbed : IAsyncDisposable
{
    private readonly List<IHost> _hosts = [];

    public PluginTestbed(ITestOutputHelper output)
    {
        Root = Path.Combine("/tmp", "cc-" + Guid.NewGuid().ToString("N")[..8]);
        HostRoot = Path.Combine(Root, "host");
        KubeletDirectory = Path.Combine(Root, "dp");
        Directory.CreateDirectory(Path.Combine(HostRoot, "dev"));
        Loggers = TestOutputLoggerProvider.Factory(output, Log);
    }

    /// <summary>Safety net only: no test waits on wall-clock thresholds, but none may hang the run.</summary>
    public CancellationToken Timeout { get; } = new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    public string Root { get; }

    public string HostRoot { get; }

    public string KubeletDirectory { get; }

    public ILoggerFactory Loggers { get; }

    /// <summary>Everything the plugin and the kubelet stand-in logged.</summary>
    public LogCapture Log { get; } = new();

    public KubeletEmulator? Kubelet { get; private set; }

    public PluginTestbed WithDeviceNodes(params string[] hostPaths)
    {
        foreach (var hostPath in hostPaths)
        {
            AddDeviceNode(hostPath);
        }
        return this;
    }

    public void AddDeviceNode(string hostPath)
    {
        var path = HostPath.Under(HostRoot, hostPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.CreateSymbolicLink(path, "/dev/null");
    }

    public void RemoveDeviceNode(string hostPath) => File.Delete(HostPath.Under(HostRoot, hostPath));

    public async Task<KubeletEmulator> StartKubeletAsync(KubeletEmulatorOptions? options = null)
    {
        Kubelet = await KubeletEmulator.StartAsync(KubeletDirectory, options ?? new KubeletEmulatorOptions(), Loggers, Timeout);
        return Kubelet;
    }

    public DevicePluginOptions Options(ulong? epcBytes = null, bool simulate = false, params string[] resources)
    {
        var options = new DevicePluginOptions
        {
            KubeletDirectory = KubeletDirectory,
            HostRoot = HostRoot,
            Simulate = simulate,
            EpcBytes = epcBytes ?? 64 * EpcSize.Mebibyte,
            DeviceRescanInterval = TimeSpan.FromMilliseconds(200),
            KubeletPollInterval = TimeSpan.FromMilliseconds(200),
        };
        if (resources.Length > 0)
        {
            options.Resources.Clear();
            foreach (var r in resources)
            {
                options.Resources.Add(r);
            }
        }
        return options;
    }

    public async Task<IHost> StartPluginAsync(DevicePluginOptions options, IPEndPoint? metrics = null, SgxPlatform? platform = null)
    {
        var host = BuildPlugin(options, Loggers, metrics, platform);
        _hosts.Add(host);
        await host.StartAsync(Timeout);
        return host;
    }

    /// <summary>The plugin composed as <c>confcom device-plugin</c> composes it, with these options.</summary>
    public static IHost BuildPlugin(DevicePluginOptions options, ILoggerFactory? loggers = null, IPEndPoint? metrics = null, SgxPlatform? platform = null)
    {
        var builder = DaemonHost.CreateBuilder(new DaemonHostOptions
        {
            Loggers = loggers ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance,
            MetricsEndpoint = metrics,
        });
        if (platform is not null)
        {
            builder.Services.AddSingleton(platform);
        }
        builder.Services.AddSgxDevicePlugin(o => CopyTo(options, o));
        return builder.Build();
    }

    private static void CopyTo(DevicePluginOptions from, DevicePluginOptions to)
    {
        to.KubeletDirectory = from.KubeletDirectory;
        to.HostRoot = from.HostRoot;
        to.Simulate = from.Simulate;
        to.EpcBytes = from.EpcBytes;
        to.Resources.Clear();
        foreach (var resource in from.Resources)
        {
            to.Resources.Add(resource);
        }
        to.EpcGrantsProvision = from.EpcGrantsProvision;
        to.EnclaveSlots = from.EnclaveSlots;
        to.ProvisionSlots = from.ProvisionSlots;
        to.RegisterTimeout = from.RegisterTimeout;
        to.DeviceRescanInterval = from.DeviceRescanInterval;
        to.KubeletPollInterval = from.KubeletPollInterval;
        to.FirstRetryDelay = from.FirstRetryDelay;
        to.MaxRetryDelay = from.MaxRetryDelay;
        to.ListAndWatchDeadline = from.ListAndWatchDeadline;
        to.MaxListAndWatchMessageBytes = from.MaxListAndWatchMessageBytes;
    }

    public static Task WaitRegisteredAsync(IHost host, IEnumerable<string> resources, int times, CancellationToken ct) =>
        host.Services.GetRequiredService<RegistrationStatus>().WaitForRegistrationsAsync(resources, times, ct);

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.StopAsync(CancellationToken.None);
            host.Dispose();
        }
        if (Kubelet is not null)
        {
            await Kubelet.DisposeAsync();
        }
        Loggers.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
