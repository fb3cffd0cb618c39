using Confcom.Hosting.Health;
using Confcom.Hosting.Logging;
using Confcom.Hosting.Memory;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace Confcom.Hosting;

/// <summary>
/// Builds one daemon's host: components add themselves to <see cref="Services"/> (their <c>Add…</c> extensions) and
/// their routes through <see cref="Map"/>; the builder supplies what every daemon shares. That is console logging in
/// one format (or the caller's logger factory), a lifetime that leaves signals to the caller, health checks on
/// <c>/healthz</c> and a Prometheus registry of the host's own on <c>/metrics</c>. A plain generic host (no Kestrel)
/// is built when nothing is served over HTTP, which keeps an idle daemon small.
/// </summary>
public sealed partial class DaemonHostBuilder
{
    private readonly DaemonHostOptions _options;
    private readonly IHostApplicationBuilder _builder;
    private readonly List<Action<IEndpointRouteBuilder>> _routes = [];
    private readonly List<Action<KestrelServerOptions>> _kestrel = [];

    internal DaemonHostBuilder(DaemonHostOptions options)
    {
        _options = options;
        _builder = options.IsWeb
            ? WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] })
            : Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, Args = [] });
        if (options.Loggers is { } loggers)
        {
            _builder.Logging.ClearProviders();
            _builder.Services.AddSingleton(loggers);
        }
        else
        {
            _builder.Logging.AddConfcomConsole(options.LogFormat);
        }
        var services = _builder.Services;
        services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        services.Configure<HostOptions>(o => o.ShutdownTimeout = options.ShutdownTimeout);
        // One registry per host: several daemons in one process (the demo, tests) keep their own figures.
        services.AddSingleton(_ => Metrics.NewCustomRegistry());
        services.AddHealthChecks();
        if (options.ReleaseStartupMemory)
        {
            services.AddHostedService<StartupMemoryRelease>();
        }
    }

    public IServiceCollection Services => _builder.Services;

    public ILoggingBuilder Logging => _builder.Logging;

    /// <summary>Adds the component's own listeners (the webhook's TLS endpoint, the simulated PCS's URL).</summary>
    public DaemonHostBuilder ConfigureKestrel(Action<KestrelServerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        RequireWeb("listeners");
        _kestrel.Add(configure);
        return this;
    }

    /// <summary>
    /// Listens on a URL such as <c>https://0.0.0.0:9443</c> or <c>http://127.0.0.1:0</c> (port 0 picks a free port;
    /// read it back with <see cref="DaemonHost.BoundAddresses"/>). Every listener is an explicit Kestrel endpoint, so
    /// the component's URLs and the metrics endpoint coexist (Kestrel ignores <c>UseUrls</c> once any endpoint is
    /// explicit). <paramref name="configure"/> adds TLS and the like.
    /// </summary>
    public DaemonHostBuilder Listen(string url, Action<ListenOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(url);
        BindingAddress address;
        try
        {
            address = BindingAddress.Parse(url);
        }
        catch (FormatException)
        {
            throw new ArgumentException($"'{url}' is not a listen URL (use e.g. http://127.0.0.1:8081 or https://0.0.0.0:9443)", nameof(url));
        }
        if (address.Scheme is not ("http" or "https") || address.Port < 0 || address.Port > 65535 || address.PathBase.Length > 0)
        {
            throw new ArgumentException($"'{url}' is not a listen URL: it needs http or https, a host and a port, and no path (use e.g. http://127.0.0.1:8081)", nameof(url));
        }
        return ConfigureKestrel(kestrel =>
        {
            var listen = configure ?? (_ => { });
            if (string.Equals(address.Host, "localhost", StringComparison.OrdinalIgnoreCase))
            {
                kestrel.ListenLocalhost(address.Port, listen);
            }
            else if (address.Host is "*" or "+" or "0.0.0.0" or "[::]" or "::")
            {
                kestrel.ListenAnyIP(address.Port, listen);
            }
            else if (System.Net.IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip))
            {
                kestrel.Listen(ip, address.Port, listen);
            }
            else
            {
                throw new ArgumentException($"'{url}': listen on an IP address, localhost or 0.0.0.0, not the host name '{address.Host}'", nameof(url));
            }
        });
    }

    /// <summary>Adds the component's routes (its <c>Map…</c> extension).</summary>
    public DaemonHostBuilder Map(Action<IEndpointRouteBuilder> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        RequireWeb("routes");
        _routes.Add(map);
        return this;
    }

    public IHost Build()
    {
        if (_builder is HostApplicationBuilder plain)
        {
            return plain.Build();
        }
        var web = (WebApplicationBuilder)_builder;
        var metrics = _options.MetricsEndpoint;
        web.WebHost.ConfigureKestrel(kestrel =>
        {
            if (metrics is not null)
            {
                kestrel.Listen(metrics);
            }
            foreach (var configure in _kestrel)
            {
                configure(kestrel);
            }
        });
        var app = web.Build();
        // Kestrel's own "Now listening on" is framework chatter (filtered); this says it once, in the Confcom format,
        // with the ports a port-0 listener got.
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DaemonHost).FullName!);
        string Addresses() => string.Join(", ", app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? []);
        app.Lifetime.ApplicationStarted.Register(() => LogListening(logger, Addresses()));
        app.Lifetime.ApplicationStopped.Register(() => LogStopped(logger, Addresses()));
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync });
        if (metrics is not null)
        {
            app.MapMetrics("/metrics", app.Services.GetRequiredService<CollectorRegistry>());
        }
        foreach (var map in _routes)
        {
            map(app);
        }
        return app;
    }

    private void RequireWeb(string what)
    {
        if (!_options.IsWeb)
        {
            throw new InvalidOperationException($"a daemon host without HTTP cannot add {what}; set {nameof(DaemonHostOptions.ServesHttp)}");
        }
    }
}
