using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Confcom.Hosting;

/// <summary>Entry points of the shared hosting setup.</summary>
public static class DaemonHost
{
    /// <summary>A builder for one daemon (see <see cref="DaemonHostBuilder"/>).</summary>
    public static DaemonHostBuilder CreateBuilder(DaemonHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new DaemonHostBuilder(options);
    }

    /// <summary>
    /// Where a started host listens, as URLs a client can use (a wildcard address becomes localhost): how a caller
    /// that asked for port 0 learns the port.
    /// </summary>
    public static IReadOnlyList<Uri> BoundAddresses(IHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var addresses = host.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        return [.. addresses.Select(a => new Uri(a.Replace("://[::]", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)))];
    }

    /// <summary>
    /// A bare web application living inside another host (a device plugin's per-socket gRPC server): it logs through
    /// the outer host's factory, leaves signals alone and stops quickly.
    /// </summary>
    public static WebApplicationBuilder CreateEmbeddedWebBuilder(ILoggerFactory loggers, string applicationName)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = applicationName, Args = [] });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggers);
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        return builder;
    }
}
