using Confcom.DevicePlugin.Health;
using Confcom.DevicePlugin.Metrics;
using Confcom.DevicePlugin.Registration;
using Confcom.DevicePlugin.Resources;
using Confcom.DevicePlugin.Serving;
using Confcom.DevicePlugin.Transport;
using Confcom.DevicePlugin.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace Confcom.DevicePlugin;

/// <summary>
/// Builds the device-plugin daemon as a host: the <c>confcom device-plugin</c> verb runs it until SIGTERM, the
/// demo and tests start and stop it in-process. Everything that can be wrong with the node or the settings is
/// checked here, before anything is served, and reported as a <see cref="DevicePluginStartupException"/>.
/// </summary>
public static class DevicePluginHost
{
    /// <summary>Builds the host for the platform described by the options (real or <c>--simulate</c>).</summary>
    public static IHost Build(DevicePluginHostOptions options, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var platform = SgxPlatform.Create(new SgxPlatformOptions { HostRoot = options.HostRoot, Simulate = options.Simulate, EpcBytes = options.EpcBytes });
        return Build(options, platform, loggers);
    }

    /// <summary>Builds the host for a given platform (tests inject recorded CPUID this way).</summary>
    public static IHost Build(DevicePluginHostOptions options, SgxPlatform platform, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(platform);
        if (options.MetricsPort is < 0 or > 65535)
        {
            throw new DevicePluginStartupException($"--metrics-port {options.MetricsPort} is not a TCP port (0 turns metrics off)");
        }
        var epc = platform.Epc.Read();
        var resources = SgxResourceCatalog.Create(options, epc);
        foreach (var resource in resources)
        {
            // Fails here, before serving, if the kubelet could never receive this resource's device list.
            DeviceListEncoder.EncodeHealthy(resource, options.MaxListAndWatchMessageBytes);
        }

        IHostApplicationBuilder builder = options.MetricsPort > 0
            ? WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] })
            : Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, Args = [] });
        ConfigureLogging(builder, loggers);
        var services = builder.Services;
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        // No signal handling of its own: the caller (the CLI verb's cancellation token, the demo) decides when to stop.
        services.AddSingleton<IHostLifetime, EmbeddedServerLifetime>();
        services.AddSingleton(options);
        services.AddSingleton(platform);
        services.AddSingleton(platform.DeviceNodes);
        services.AddSingleton<DevicePluginMetrics>();
        services.AddSingleton<DeviceNodeMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<DeviceNodeMonitor>());
        services.AddSingleton<KubeletDirectoryWatcher>();
        services.AddSingleton<RegistrationStatus>();
        services.AddSingleton<IReadOnlyList<ResourcePlugin>>(sp => resources
            .Select(r => new ResourcePlugin(r, sp.GetRequiredService<DeviceNodeMonitor>(), sp.GetRequiredService<DevicePluginMetrics>(),
                sp.GetRequiredService<ILogger<ResourcePlugin>>(), options.MaxListAndWatchMessageBytes))
            .ToList());
        services.AddHostedService<DevicePluginSupervisor>();
        services.AddHealthChecks().AddCheck<DevicePluginHealthCheck>("kubelet-registration");

        IHost host;
        if (builder is WebApplicationBuilder web)
        {
            web.WebHost.ConfigureKestrel(k => k.Listen(options.MetricsAddress, options.MetricsPort));
            var app = web.Build();
            app.MapHealthChecks("/healthz");
            app.MapMetrics("/metrics", app.Services.GetRequiredService<DevicePluginMetrics>().Registry);
            host = app;
        }
        else
        {
            host = ((HostApplicationBuilder)builder).Build();
        }
        host.Services.GetRequiredService<DevicePluginMetrics>().Epc(epc.Origin.ToString().ToLowerInvariant(), epc.TotalBytes);
        return host;
    }

    private static void ConfigureLogging(IHostApplicationBuilder builder, ILoggerFactory? loggers)
    {
        builder.Logging.ClearProviders();
        if (loggers is not null)
        {
            builder.Services.AddSingleton(loggers);
            return;
        }
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
        });
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
    }
}
