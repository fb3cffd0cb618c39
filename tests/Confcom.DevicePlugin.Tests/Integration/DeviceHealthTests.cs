using Confcom.DevicePlugin.Resources;
using Confcom.DevicePlugin.Tests.Support;
using Confcom.DevicePlugin.Platform;
using Grpc.Core;

namespace Confcom.DevicePlugin.Tests.Integration;

public sealed class DeviceHealthTests(ITestOutputHelper output)
{
    [Fact]
    public async Task DevicesGoUnhealthyWhenTheNodeDisappearsAndHealWhenItReturns()
    {
        await using var bed = new PluginTestbed(output).WithDeviceNodes(SgxDeviceNodePaths.Enclave, SgxDeviceNodePaths.Provision);
        var kubelet = await bed.StartKubeletAsync();
        await bed.StartPluginAsync(bed.Options(resources: [SgxResourceNames.EpcMebibytes, SgxResourceNames.Provision]));
        var epc = await kubelet.WaitForResourceAsync(SgxResourceNames.EpcMebibytes, bed.Timeout);
        var provision = await kubelet.WaitForResourceAsync(SgxResourceNames.Provision, bed.Timeout);
        await epc.WaitForDevicesAsync(d => d.Count == 64 && d.All(x => x.Health == KubeletProtocol.Healthy), bed.Timeout);

        bed.RemoveDeviceNode(SgxDeviceNodePaths.Enclave);
        var unhealthy = await epc.WaitForDevicesAsync(d => d.Count == 64 && d.All(x => x.Health == KubeletProtocol.Unhealthy), bed.Timeout);
        var refused = await Assert.ThrowsAsync<RpcException>(() => epc.AllocateAsync(["0"], bed.Timeout));
        await provision.WaitForDevicesAsync(d => d.Count == 110, bed.Timeout);
        var provisionHealthyMeanwhile = provision.HealthyCount;

        bed.AddDeviceNode(SgxDeviceNodePaths.Enclave);
        await epc.WaitForDevicesAsync(d => d.Count == 64 && d.All(x => x.Health == KubeletProtocol.Healthy), bed.Timeout);
        var allocated = await epc.AllocateAsync(["0"], bed.Timeout);

        Assert.Equal(64, unhealthy.Count);
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("/dev/sgx_enclave is missing", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(110, provisionHealthyMeanwhile);
        Assert.True(epc.StreamOpen);
        Assert.NotEmpty(allocated.Devices);
    }
}
