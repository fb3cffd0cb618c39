using Confcom.DevicePlugin.KubeletEmulation;
using Confcom.DevicePlugin.Resources;
using Confcom.DevicePlugin.Tests.Support;

namespace Confcom.DevicePlugin.Tests.Integration;

/// <summary>"Registered" is not enough: a kubelet that never opens ListAndWatch leaves capacity at 0.</summary>
public sealed class ListAndWatchWatchdogTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Registered_without_ListAndWatch_is_a_failure_logged_once_shown_in_healthz_and_metrics_and_registered_again()
    {
        await using var bed = new PluginTestbed(output);
        var kubelet = await bed.StartKubeletAsync(new KubeletEmulatorOptions { OpensListAndWatch = false });
        var options = bed.Options(simulate: true);
        // Short so the test is quick; the test waits on events, not on this figure.
        options.ListAndWatchDeadline = TimeSpan.FromMilliseconds(300);
        options.FirstRetryDelay = TimeSpan.FromMilliseconds(50);
        options.MaxRetryDelay = TimeSpan.FromMilliseconds(200);
        var metricsEndpoint = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, FreeTcpPort());
        await bed.StartPluginAsync(options, metricsEndpoint);

        var explained = await bed.Log.WaitForAsync(l => l.Contains("[1506]", StringComparison.Ordinal), bed.Timeout);
        await bed.Log.WaitForAsync(l => l.Contains("[1501]", StringComparison.Ordinal) && l.Contains("(registration #3)", StringComparison.Ordinal), bed.Timeout);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{metricsEndpoint.Port}") };
        var healthz = await http.GetStringAsync(new Uri("/healthz", UriKind.Relative), bed.Timeout);
        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative), bed.Timeout);

        Assert.True(kubelet.RegistrationCount(SgxResourceNames.EpcMebibytes) >= 3);
        Assert.Contains("never opened ListAndWatch", explained, StringComparison.Ordinal);
        Assert.Contains("1.26", explained, StringComparison.Ordinal);
        Assert.Single(bed.Log.Lines, l => l.Contains("[1506]", StringComparison.Ordinal));
        Assert.StartsWith("kubelet-registration: degraded:", healthz, StringComparison.Ordinal);
        Assert.Contains("never opened ListAndWatch", healthz, StringComparison.Ordinal);
        Assert.Matches(@"confcom_device_plugin_listandwatch_missing_total\{resource=""kubernetes.azure.com/sgx_epc_mem_in_MiB""\} [2-9]", metrics);
    }

    [Fact]
    public async Task A_kubelet_that_opens_ListAndWatch_clears_nothing_and_flags_nothing()
    {
        await using var bed = new PluginTestbed(output);
        var kubelet = await bed.StartKubeletAsync();
        var options = bed.Options(simulate: true);
        await bed.StartPluginAsync(options);
        var epc = await kubelet.WaitForResourceAsync(SgxResourceNames.EpcMebibytes, bed.Timeout);
        await epc.WaitForDevicesAsync(d => d.Count == 64, bed.Timeout);

        Assert.DoesNotContain(bed.Log.Lines, l => l.Contains("[1506]", StringComparison.Ordinal));
        Assert.Equal(1, kubelet.RegistrationCount(SgxResourceNames.EpcMebibytes));
    }

    private static int FreeTcpPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
