using Confcom.Hosting;
using Confcom.Simulation.Pcs;
using Confcom.Simulation.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Confcom.Testing;

/// <summary>The simulated PCS composed as <c>confcom pcs serve</c> composes it, on a free loopback port.</summary>
public sealed class RunningPcs : IAsyncDisposable
{
    private readonly IHost _host;

    private RunningPcs(IHost host)
    {
        _host = host;
        BaseAddress = DaemonHost.BoundAddresses(host)[0];
    }

    /// <summary>E.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    public static async Task<RunningPcs> StartAsync(SimulatedPlatform platform, Action<SimulatedPcsOptions>? configure = null, ILoggerFactory? loggers = null)
    {
        var builder = DaemonHost.CreateBuilder(new DaemonHostOptions
        {
            ServesHttp = true,
            Loggers = loggers ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance,
            ShutdownTimeout = TimeSpan.FromSeconds(1),
        });
        builder.Services.AddSimulatedPcs(platform, configure);
        builder.Listen("http://127.0.0.1:0").Map(endpoints => endpoints.MapSimulatedPcs());
        var host = builder.Build();
        await host.StartAsync();
        return new RunningPcs(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
