using Confcom.DevicePlugin.Metrics;
using Confcom.DevicePlugin.Serving;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Confcom.DevicePlugin.Registration;

/// <summary>
/// Keeps every resource served and registered: waits for kubelet.sock, serves, registers, and when the kubelet
/// restarts (our socket deleted, or kubelet.sock replaced) rebinds and registers again, retrying with backoff.
/// </summary>
internal sealed partial class DevicePluginSupervisor(
    IReadOnlyList<ResourcePlugin> plugins,
    KubeletDirectoryWatcher watcher,
    RegistrationStatus status,
    DevicePluginMetrics metrics,
    DevicePluginOptions options,
    ILoggerFactory loggers) : BackgroundService
{
    private readonly ILogger<DevicePluginSupervisor> _logger = loggers.CreateLogger<DevicePluginSupervisor>();

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(plugins.Select(p => SuperviseAsync(p, stoppingToken)));

    private async Task SuperviseAsync(ResourcePlugin plugin, CancellationToken stoppingToken)
    {
        var resource = plugin.Resource.ResourceName;
        var socketPath = Path.Combine(options.KubeletDirectory, plugin.Resource.SocketName);
        ResourceServer? server = null;
        var registrations = 0;
        var retryDelay = options.FirstRetryDelay;
        var explainedMissingStream = false;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await watcher.WaitForKubeletSocketAsync(stoppingToken).ConfigureAwait(false);
                    if (server is null || !server.IsSocketPresent)
                    {
                        if (server is not null)
                        {
                            LogRebinding(resource, socketPath);
                            await server.StopAsync().ConfigureAwait(false);
                        }
                        server = new ResourceServer(plugin, socketPath, loggers);
                        await server.StartAsync(stoppingToken).ConfigureAwait(false);
                    }

                    var kubeletSocket = watcher.KubeletSocket();
                    var streamsBefore = plugin.ListAndWatchStreams;
                    await KubeletRegistrar.RegisterAsync(watcher.KubeletSocketPath, plugin.Resource, options.RegisterTimeout, stoppingToken).ConfigureAwait(false);
                    registrations++;
                    metrics.Registered(resource, reregistration: registrations > 1);
                    status.Set(resource, registered: true);
                    LogRegistered(resource, plugin.Resource.SocketName, watcher.KubeletSocketPath, registrations);

                    // A Register that succeeds proves little: old kubelets answer it before dialling back, and one
                    // that cannot talk to us never opens ListAndWatch, leaving capacity at 0 while we look registered.
                    if (!await plugin.WaitForListAndWatchAsync(streamsBefore, options.ListAndWatchDeadline, stoppingToken).ConfigureAwait(false))
                    {
                        status.SetListAndWatchMissing(resource, missing: true);
                        metrics.ListAndWatchMissing(resource);
                        if (!explainedMissingStream)
                        {
                            LogListAndWatchMissing(resource, options.ListAndWatchDeadline.TotalSeconds, watcher.KubeletSocketPath, socketPath);
                            explainedMissingStream = true;
                        }
                        throw new IOException($"the kubelet accepted Register but opened no ListAndWatch on {socketPath} within {options.ListAndWatchDeadline.TotalSeconds:0.#} s; registering again");
                    }
                    status.SetListAndWatchMissing(resource, missing: false);
                    retryDelay = options.FirstRetryDelay;

                    var current = server;
                    await watcher.WaitUntilAsync(
                        () => !current.IsSocketPresent || !watcher.KubeletSocket().IsSameFileAs(kubeletSocket), stoppingToken).ConfigureAwait(false);
                    status.Set(resource, registered: false);
                    LogKubeletRestarted(resource, current.IsSocketPresent ? "kubelet.sock was replaced" : $"{socketPath} was removed");
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    status.Set(resource, registered: false);
                    metrics.RegistrationFailed(resource);
                    LogRegistrationFailed(resource, watcher.KubeletSocketPath, ex.GetType().Name, ex.Message, retryDelay.TotalMilliseconds);
                    await Task.Delay(retryDelay, stoppingToken).ConfigureAwait(false);
                    retryDelay = TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, options.MaxRetryDelay.Ticks));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            status.Set(resource, registered: false);
            if (server is not null)
            {
                await server.StopAsync().ConfigureAwait(false);
            }
        }
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        LogStopping(plugins.Count, options.KubeletDirectory);
        return base.StopAsync(cancellationToken);
    }

    /// <summary>Logs what this node offers once at start.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var plugin in plugins)
        {
            LogStarting(plugin.Resource.ResourceName, plugin.Resource.DeviceCount, plugin.HealthyListBytes, options.KubeletDirectory);
        }
        return base.StartAsync(cancellationToken);
    }
}
