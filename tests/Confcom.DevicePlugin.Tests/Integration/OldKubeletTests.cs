using Confcom.DevicePlugin.KubeletEmulation;
using Confcom.DevicePlugin.Platform;
using Confcom.DevicePlugin.Resources;
using Confcom.DevicePlugin.Tests.Support;

namespace Confcom.DevicePlugin.Tests.Integration;

/// <summary>Kubelets before 1.26: Register answered at once, then the plugin dialled with its socket path as :authority.</summary>
public sealed class OldKubeletTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_kubelet_that_sends_the_socket_path_as_authority_gets_the_device_list_and_can_allocate()
    {
        await using var bed = new PluginTestbed(output).WithDeviceNodes(SgxDeviceNodePaths.Enclave, SgxDeviceNodePaths.Provision);
        var kubelet = await bed.StartKubeletAsync(new KubeletEmulatorOptions { DialsLikeKubeletBefore126 = true });
        await bed.StartPluginAsync(bed.Options(resources: [SgxResourceNames.EpcMebibytes, SgxResourceNames.QuotingEnclave]));

        var epc = await kubelet.WaitForResourceAsync(SgxResourceNames.EpcMebibytes, bed.Timeout);
        var qe = await kubelet.WaitForResourceAsync(SgxResourceNames.QuotingEnclave, bed.Timeout);
        var devices = await epc.WaitForDevicesAsync(d => d.Count == 64 || epc.StreamError is not null, bed.Timeout);
        await qe.WaitForDevicesAsync(d => d.Count == 1 || qe.StreamError is not null, bed.Timeout);
        var allocated = await epc.AllocateAsync(["0", "1"], bed.Timeout);

        Assert.Null(epc.StreamError);
        Assert.Equal(64, devices.Count);
        Assert.True(epc.StreamOpen);
        Assert.NotEmpty(allocated.Devices);
        Assert.Equal("2", allocated.Envs[EpcMebibyteResource.GrantedEnvironmentVariable]);
    }
}
