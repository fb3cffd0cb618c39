using System.Net.Http.Json;
using System.Text.Json;
using Confcom.DevicePlugin.Platform;
using Confcom.DevicePlugin.Resources;
using Confcom.DevicePlugin.Tests.Platform;
using Confcom.DevicePlugin.Tests.Support;
using Grpc.Core;

namespace Confcom.DevicePlugin.Tests.Integration;

/// <summary>
/// Missing device nodes: the plugin advertises NOTHING for the resources that need them (as Intel's plugin does),
/// stays registered and up, says why, and advertises the devices again the moment the nodes are back.
/// </summary>
public sealed class DeviceHealthTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_resource_whose_node_disappears_advertises_nothing_and_comes_back_with_the_node()
    {
        await using var bed = new PluginTestbed(output).WithDeviceNodes(SgxDeviceNodePaths.Enclave, SgxDeviceNodePaths.Provision);
        var kubelet = await bed.StartKubeletAsync();
        await bed.StartPluginAsync(bed.Options(resources: [SgxResourceNames.EpcMebibytes, SgxResourceNames.Provision]));
        var epc = await kubelet.WaitForResourceAsync(SgxResourceNames.EpcMebibytes, bed.Timeout);
        var provision = await kubelet.WaitForResourceAsync(SgxResourceNames.Provision, bed.Timeout);
        await epc.WaitForDevicesAsync(d => d.Count == 64 && d.All(x => x.Health == KubeletProtocol.Healthy), bed.Timeout);

        bed.RemoveDeviceNode(SgxDeviceNodePaths.Enclave);
        await epc.WaitForDevicesAsync(d => d.Count == 0 && epc.MessagesReceived > 0, bed.Timeout);
        var refused = await Assert.ThrowsAsync<RpcException>(() => epc.AllocateAsync(["0"], bed.Timeout));
        await provision.WaitForDevicesAsync(d => d.Count == 110, bed.Timeout);
        var provisionHealthyMeanwhile = provision.HealthyCount;

        bed.AddDeviceNode(SgxDeviceNodePaths.Enclave);
        await epc.WaitForDevicesAsync(d => d.Count == 64 && d.All(x => x.Health == KubeletProtocol.Healthy), bed.Timeout);
        var allocated = await epc.AllocateAsync(["0"], bed.Timeout);

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("/dev/sgx_enclave is missing", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(110, provisionHealthyMeanwhile);
        Assert.True(epc.StreamOpen);
        Assert.NotEmpty(allocated.Devices);
    }

    [Fact]
    public async Task Device_nodes_that_appear_after_the_start_are_advertised_then()
    {
        await using var bed = new PluginTestbed(output);
        var kubelet = await bed.StartKubeletAsync();
        await bed.StartPluginAsync(bed.Options(resources: [SgxResourceNames.EpcMebibytes, SgxResourceNames.QuotingEnclave]));
        var epc = await kubelet.WaitForResourceAsync(SgxResourceNames.EpcMebibytes, bed.Timeout);
        var qe = await kubelet.WaitForResourceAsync(SgxResourceNames.QuotingEnclave, bed.Timeout);
        await epc.WaitForDevicesAsync(d => d.Count == 0 && epc.MessagesReceived > 0, bed.Timeout);
        await qe.WaitForDevicesAsync(d => d.Count == 0 && qe.MessagesReceived > 0, bed.Timeout);

        bed.AddDeviceNode(SgxDeviceNodePaths.Enclave);
        await epc.WaitForDevicesAsync(d => d.Count == 64 && d.All(x => x.Health == KubeletProtocol.Healthy), bed.Timeout);
        // qe needs provision too: still nothing until it appears.
        Assert.Equal(0, qe.DeviceCount);
        bed.AddDeviceNode(SgxDeviceNodePaths.Provision);
        await qe.WaitForDevicesAsync(d => d.Count == 1 && d[0].Health == KubeletProtocol.Healthy, bed.Timeout);
    }

    [Fact]
    public async Task A_node_without_SGX_stays_up_registered_advertises_nothing_and_says_why_in_healthz()
    {
        await using var bed = new PluginTestbed(output);
        var kubelet = await bed.StartKubeletAsync();
        var options = bed.Options(resources: [SgxResourceNames.EpcMebibytes, SgxResourceNames.QuotingEnclave]);
        options.EpcBytes = null;
        var metrics = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, FreeTcpPort());
        await bed.StartPluginAsync(options, metrics, SgxPlatform.Create(new SgxPlatformOptions { HostRoot = options.HostRoot }, CpuLayouts.NoSgx()));

        var epc = await kubelet.WaitForResourceAsync(SgxResourceNames.EpcMebibytes, bed.Timeout);
        await epc.WaitForDevicesAsync(d => d.Count == 0 && epc.MessagesReceived > 0, bed.Timeout);
        Assert.True(epc.StreamOpen);

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{metrics.Port}") };
        using var response = await http.GetAsync("/healthz", bed.Timeout);
        var body = await response.Content.ReadAsStringAsync(bed.Timeout);
        // Up (probes pass: no crash-loop), and the reason is in the answer.
        Assert.True(response.IsSuccessStatusCode, body);
        Assert.Contains("advertising nothing", body, StringComparison.Ordinal);
        Assert.Contains("no EPC", body, StringComparison.Ordinal);
    }

    private static int FreeTcpPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
