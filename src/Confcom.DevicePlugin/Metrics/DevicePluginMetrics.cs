using Prometheus;

namespace Confcom.DevicePlugin.Metrics;

/// <summary>
/// Prometheus metrics of the device plugin (none of the reference plugins export any), in the host's own registry
/// (the shared hosting setup gives each host one), so several plugin hosts in one process (the demo, tests) do not
/// overwrite each other's figures.
/// </summary>
internal sealed class DevicePluginMetrics
{
    public DevicePluginMetrics(CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        _registrations = factory.CreateCounter(
            "confcom_device_plugin_registrations_total", "Successful first registrations with the kubelet.", "resource");
        _reregistrations = factory.CreateCounter(
            "confcom_device_plugin_reregistrations_total", "Successful re-registrations after a kubelet restart or a removed socket.", "resource");
        _registrationFailures = factory.CreateCounter(
            "confcom_device_plugin_registration_failures_total", "Failed Register calls (retried with backoff).", "resource");
        _listAndWatchMissing = factory.CreateCounter(
            "confcom_device_plugin_listandwatch_missing_total",
            "Registrations the kubelet accepted without opening ListAndWatch in time (re-registered with backoff).", "resource");
        _allocations = factory.CreateCounter(
            "confcom_device_plugin_allocations_total", "Allocate calls by outcome.", "resource", "outcome");
        _allocateDuration = factory.CreateHistogram(
            "confcom_device_plugin_allocate_duration_seconds", "Time to answer Allocate inside the plugin.",
            new HistogramConfiguration { LabelNames = ["resource"], Buckets = Histogram.ExponentialBuckets(0.00001, 2, 16) });
        _devices = factory.CreateGauge(
            "confcom_device_plugin_devices", "Devices advertised to the kubelet by health.", "resource", "health");
        _epcBytes = factory.CreateGauge(
            "confcom_sgx_epc_bytes", "EPC of this node in bytes, by origin (cpuid, override, simulated).", "origin");
    }

    private readonly Counter _registrations;
    private readonly Counter _reregistrations;
    private readonly Counter _registrationFailures;
    private readonly Counter _listAndWatchMissing;
    private readonly Counter _allocations;
    private readonly Histogram _allocateDuration;
    private readonly Gauge _devices;
    private readonly Gauge _epcBytes;

    public void Registered(string resource, bool reregistration) =>
        (reregistration ? _reregistrations : _registrations).WithLabels(resource).Inc();

    public void RegistrationFailed(string resource) => _registrationFailures.WithLabels(resource).Inc();

    public void ListAndWatchMissing(string resource) => _listAndWatchMissing.WithLabels(resource).Inc();

    public void Allocated(string resource, string outcome, TimeSpan elapsed)
    {
        _allocations.WithLabels(resource, outcome).Inc();
        _allocateDuration.WithLabels(resource).Observe(elapsed.TotalSeconds);
    }

    public void Devices(string resource, int healthy, int unhealthy)
    {
        _devices.WithLabels(resource, KubeletProtocol.Healthy).Set(healthy);
        _devices.WithLabels(resource, KubeletProtocol.Unhealthy).Set(unhealthy);
    }

    public void Epc(string origin, ulong bytes) => _epcBytes.WithLabels(origin).Set(bytes);
}
