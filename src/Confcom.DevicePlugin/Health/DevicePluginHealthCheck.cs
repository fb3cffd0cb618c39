using Confcom.DevicePlugin.Registration;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Confcom.DevicePlugin.Health;

/// <summary>
/// /healthz: Healthy when every resource is registered with the kubelet, Degraded while (re-)registering. Device
/// health is deliberately not part of it: restarting the plugin does not bring back a missing /dev/sgx_enclave.
/// </summary>
internal sealed class DevicePluginHealthCheck(RegistrationStatus status, DevicePluginOptions options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = options.Resources.ToDictionary(
            r => r,
            r => (object)(status.Resources.TryGetValue(r, out var s) && s.Registered ? "registered" : "not registered"),
            StringComparer.Ordinal);
        var all = data.Values.All(v => (string)v == "registered");
        return Task.FromResult(all
            ? HealthCheckResult.Healthy("all resources registered with the kubelet", data)
            : HealthCheckResult.Degraded("waiting to register with the kubelet", data: data));
    }
}
