using Confcom.QuoteHelper.Server;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Confcom.QuoteHelper.Hosting;

/// <summary><c>/healthz</c>: Unhealthy unless the helper is accepting on its socket.</summary>
internal sealed class QuoteHelperHealthCheck(QuoteHelperServer server) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(server.IsListening
            ? HealthCheckResult.Healthy($"listening on {server.SocketPath}")
            : HealthCheckResult.Unhealthy($"not listening on {server.SocketPath}"));
}
