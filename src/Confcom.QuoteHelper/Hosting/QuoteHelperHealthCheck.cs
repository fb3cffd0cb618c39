using Confcom.QuoteHelper.Server;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Confcom.QuoteHelper.Hosting;

/// <summary>
/// <c>/healthz</c>: Unhealthy unless the helper is accepting and its socket path still leads to it. A deleted socket
/// is bound again within a second; a path taken by a file or another service stays unhealthy, so the kubelet's probe
/// makes the failure visible instead of every app's quote failing silently.
/// </summary>
internal sealed class QuoteHelperHealthCheck(QuoteHelperServer server) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(!server.IsListening
            ? HealthCheckResult.Unhealthy($"not listening on {server.SocketPath}")
            : server.SocketProblem is { } problem
                ? HealthCheckResult.Unhealthy($"socket {server.SocketPath} does not lead to this quote helper: {problem}")
                : HealthCheckResult.Healthy($"listening on {server.SocketPath}"));
}
