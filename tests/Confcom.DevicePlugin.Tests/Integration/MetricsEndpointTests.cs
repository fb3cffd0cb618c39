using System.Net;
using System.Net.Sockets;
using Confcom.DevicePlugin.Resources;
using Confcom.DevicePlugin.Tests.Support;
using Confcom.DevicePlugin.Platform;

namespace Confcom.DevicePlugin.Tests.Integration;

public sealed class MetricsEndpointTests(ITestOutputHelper output)
{
    [Fact]
    public async Task MetricsAndHealthzReportRegistrationAllocationsAndEpc()
    {
        await using var bed = new PluginTestbed(output).WithDeviceNodes(SgxDeviceNodePaths.Enclave);
        var kubelet = await bed.StartKubeletAsync();
        var options = bed.Options(32 * EpcSize.Mebibyte);
        var port = FreePort();
        var host = await bed.StartPluginAsync(options, new IPEndPoint(IPAddress.Loopback, port));
        await PluginTestbed.WaitRegisteredAsync(host, [SgxResourceNames.EpcMebibytes], 1, bed.Timeout);
        var plugin = await kubelet.WaitForResourceAsync(SgxResourceNames.EpcMebibytes, bed.Timeout);
        await plugin.AllocateAsync(["0"], bed.Timeout);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative), bed.Timeout);
        var healthz = await http.GetAsync(new Uri("/healthz", UriKind.Relative), bed.Timeout);

        Assert.Contains("confcom_device_plugin_registrations_total{resource=\"kubernetes.azure.com/sgx_epc_mem_in_MiB\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("confcom_device_plugin_allocate_duration_seconds_count{resource=\"kubernetes.azure.com/sgx_epc_mem_in_MiB\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("confcom_sgx_epc_bytes{origin=\"override\"} 33554432", metrics, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);
        Assert.Equal("ok\n", await healthz.Content.ReadAsStringAsync(bed.Timeout));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
