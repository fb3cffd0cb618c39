using Confcom.DevicePlugin.Registration;
using Confcom.DevicePlugin.Serving;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Confcom.DevicePlugin.Health;

/// <summary>
/// /healthz: Healthy when every resource is registered and advertising its devices; Degraded (still 200, so no
/// probe restarts the plugin) while (re-)registering and while a resource advertises nothing, with the reason:
/// restarting the plugin does not bring back a missing /dev/sgx_enclave, and on a node without SGX the plugin must
/// stay up, advertise nothing and say why.
/// </summary>
internal sealed class DevicePluginHealthCheck(RegistrationStatus status, DevicePluginOptions options,
    IReadOnlyList<ResourcePlugin> plugins, DeviceNodeMonitor monitor) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var nodes = monitor.Current;
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var registered = true;
        var nothing = new List<string>();
        var missingStreams = new List<string>();
        foreach (var name in options.Resources)
        {
            var isRegistered = status.Resources.TryGetValue(name, out var s) && s.Registered;
            registered &= isRegistered;
            if (s?.ListAndWatchMissing == true)
            {
                missingStreams.Add(name);
                data[name] = "registered, but the kubelet never opened ListAndWatch (capacity 0); re-registering";
                continue;
            }
            var advertising = plugins.FirstOrDefault(p => p.Resource.ResourceName == name)?.Advertising(nodes) ?? "not served";
            if (advertising.StartsWith("advertising nothing", StringComparison.Ordinal))
            {
                nothing.Add($"{name} {advertising}");
            }
            data[name] = (isRegistered ? "registered; " : "not registered; ") + advertising;
        }
        var devices = nothing.Count == 0 ? "" : "; " + string.Join("; ", nothing);
        if (missingStreams.Count > 0)
        {
            // Degraded, not Unhealthy: a restart of the plugin does not make the kubelet call it.
            return Task.FromResult(HealthCheckResult.Degraded(
                $"registered, but the kubelet never opened ListAndWatch for {string.Join(", ", missingStreams)} (see the log for the likely cause); re-registering" + devices, data: data));
        }
        return Task.FromResult(!registered
            ? HealthCheckResult.Degraded("waiting to register with the kubelet" + devices, data: data)
            : nothing.Count > 0
                ? HealthCheckResult.Degraded("registered with the kubelet" + devices, data: data)
                : HealthCheckResult.Healthy("all resources registered with the kubelet", data));
    }
}
