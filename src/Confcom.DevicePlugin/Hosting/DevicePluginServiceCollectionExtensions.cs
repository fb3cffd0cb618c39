using Confcom.DevicePlugin;
using Confcom.DevicePlugin.Health;
using Confcom.DevicePlugin.Metrics;
using Confcom.DevicePlugin.Platform;
using Confcom.DevicePlugin.Registration;
using Confcom.DevicePlugin.Resources;
using Confcom.DevicePlugin.Serving;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the SGX device plugin to a host (the host itself comes from Confcom.Hosting).</summary>
public static class DevicePluginServiceCollectionExtensions
{
    /// <summary>
    /// Serves the configured SGX resources to the kubelet, registers them and keeps them registered, and follows the
    /// device nodes' health. The settings are validated when the host starts, and so is the node: its EPC is read
    /// and each resource's device list is checked against the kubelet's message limit before anything is served; a
    /// failure is an <see cref="OptionsValidationException"/> or a <see cref="DevicePluginStartupException"/> from
    /// the host's start, saying what to change. Register an <see cref="SgxPlatform"/> first to inject one (tests use
    /// recorded CPUID); otherwise it comes from the options.
    /// </summary>
    public static IServiceCollection AddSgxDevicePlugin(this IServiceCollection services, Action<DevicePluginOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<DevicePluginOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DevicePluginOptions>, DevicePluginOptionsValidator>());
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<DevicePluginOptions>>().Value);
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<DevicePluginOptions>();
            return SgxPlatform.Create(new SgxPlatformOptions { HostRoot = options.HostRoot, Simulate = options.Simulate, EpcBytes = options.EpcBytes });
        });
        services.TryAddSingleton(sp => sp.GetRequiredService<SgxPlatform>().DeviceNodes);
        services.TryAddSingleton<DevicePluginMetrics>();
        services.TryAddSingleton<DeviceNodeMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<DeviceNodeMonitor>());
        services.TryAddSingleton<KubeletDirectoryWatcher>();
        services.TryAddSingleton<RegistrationStatus>();
        services.TryAddSingleton<IReadOnlyList<ResourcePlugin>>(sp => CreatePlugins(sp));
        services.AddHostedService<DevicePluginSupervisor>();
        services.AddHealthChecks().AddCheck<DevicePluginHealthCheck>("kubelet-registration");
        return services;
    }

    private static List<ResourcePlugin> CreatePlugins(IServiceProvider services)
    {
        var options = services.GetRequiredService<DevicePluginOptions>();
        var epc = services.GetRequiredService<SgxPlatform>().Epc.Read();
        var resources = SgxResourceCatalog.Create(options, epc);
        foreach (var resource in resources)
        {
            // Fails here, before serving, if the kubelet could never receive this resource's device list.
            DeviceListEncoder.EncodeHealthy(resource, options.MaxListAndWatchMessageBytes);
        }
        var metrics = services.GetRequiredService<DevicePluginMetrics>();
        metrics.Epc(epc.Origin.ToString().ToLowerInvariant(), epc.TotalBytes);
        return [.. resources.Select(r => new ResourcePlugin(r, services.GetRequiredService<DeviceNodeMonitor>(), metrics,
            services.GetRequiredService<ILogger<ResourcePlugin>>(), options.MaxListAndWatchMessageBytes))];
    }
}
