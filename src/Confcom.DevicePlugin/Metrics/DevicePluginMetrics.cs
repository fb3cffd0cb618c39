using Prometheus;

namespace Confcom.DevicePlugin.Metrics;

/// <summary>Prometheus metrics of the device plugin (none of the reference plugins export any).</summary>
public sealed class DevicePluginMetrics
{
    private static readonly Counter RegistrationsCounter = Prometheus.Metrics.CreateCounter(
        "confcom_device_plugin_registrations_total", "Successful first registrations with the kubelet.", "resource");

    private static readonly Counter ReregistrationsCounter = Prometheus.Metrics.CreateCounter(
        "confcom_device_plugin_reregistrations_total", "Successful re-registrations after a kubelet restart or a removed socket.", "resource");

    private static readonly Counter RegistrationFailuresCounter = Prometheus.Metrics.CreateCounter(
        "confcom_device_plugin_registration_failures_total", "Failed Register calls (retried with backoff).", "resource");

    private static readonly Counter AllocationsCounter = Prometheus.Metrics.CreateCounter(
        "confcom_device_plugin_allocations_total", "Allocate calls by outcome.", "resource", "outcome");

    private static readonly Histogram AllocateDuration = Prometheus.Metrics.CreateHistogram(
        "confcom_device_plugin_allocate_duration_seconds", "Time to answer Allocate inside the plugin.",
        new HistogramConfiguration { LabelNames = ["resource"], Buckets = Histogram.ExponentialBuckets(0.00001, 2, 16) });

    private static readonly Gauge DevicesGauge = Prometheus.Metrics.CreateGauge(
        "confcom_device_plugin_devices", "Devices advertised to the kubelet by health.", "resource", "health");

    private static readonly Gauge EpcBytesGauge = Prometheus.Metrics.CreateGauge(
        "confcom_sgx_epc_bytes", "EPC of this node in bytes, by origin (cpuid, override, simulated).", "origin");

    public void Registered(string resource, bool reregistration) =>
        (reregistration ? ReregistrationsCounter : RegistrationsCounter).WithLabels(resource).Inc();

    public void RegistrationFailed(string resource) => RegistrationFailuresCounter.WithLabels(resource).Inc();

    public void Allocated(string resource, string outcome, TimeSpan elapsed)
    {
        AllocationsCounter.WithLabels(resource, outcome).Inc();
        AllocateDuration.WithLabels(resource).Observe(elapsed.TotalSeconds);
    }

    public void Devices(string resource, int healthy, int unhealthy)
    {
        DevicesGauge.WithLabels(resource, KubeletProtocol.Healthy).Set(healthy);
        DevicesGauge.WithLabels(resource, KubeletProtocol.Unhealthy).Set(unhealthy);
    }

    public void Epc(string origin, ulong bytes) => EpcBytesGauge.WithLabels(origin).Set(bytes);
}
