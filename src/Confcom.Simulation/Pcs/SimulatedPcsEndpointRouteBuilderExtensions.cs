using Confcom.Simulation.Pcs;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>The simulated PCS's routes, below <c>/sgx/certification/v4/</c> (and 404s below <c>/tdx/…</c>).</summary>
public static class SimulatedPcsEndpointRouteBuilderExtensions
{
    public static IEndpointRouteBuilder MapSimulatedPcs(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.ServiceProvider.GetRequiredService<SimulatedPcsEndpoints>().Map(endpoints);
        return endpoints;
    }
}
