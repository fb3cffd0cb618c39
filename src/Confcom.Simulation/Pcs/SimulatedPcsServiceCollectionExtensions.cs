using Confcom.Simulation.Pcs;
using Confcom.Simulation.Platform;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the simulated PCS to a host; <c>MapSimulatedPcs</c> adds its routes.</summary>
public static class SimulatedPcsServiceCollectionExtensions
{
    /// <summary>Serves PCS v4 collateral for <paramref name="platform"/> (the caller keeps and disposes it).</summary>
    public static IServiceCollection AddSimulatedPcs(this IServiceCollection services, SimulatedPlatform platform, Action<SimulatedPcsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(platform);
        services.AddOptions<SimulatedPcsOptions>().Configure(configure ?? (_ => { }));
        services.TryAddSingleton(sp => new SimulatedPcsEndpoints(platform, sp.GetRequiredService<IOptions<SimulatedPcsOptions>>().Value,
            sp.GetRequiredService<ILogger<SimulatedPcsEndpoints>>()));
        return services;
    }
}
