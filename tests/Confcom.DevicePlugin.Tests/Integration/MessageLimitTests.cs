using Confcom.DevicePlugin.Resources;
using Confcom.DevicePlugin.Tests.Support;
using Confcom.DevicePlugin.Platform;
using Grpc.Core;

namespace Confcom.DevicePlugin.Tests.Integration;

/// <summary>The kubelet's 4 MiB receive limit, end to end through the emulator's client (which keeps grpc's default, as the kubelet does).</summary>
public sealed class MessageLimitTests(ITestOutputHelper output)
{
    [Fact]
    public async Task An256GiBNodeFitsAndWithoutItsDeviceAdvertisesNothingUntilTheNodeAppears()
    {
        await using var bed = new PluginTestbed(output);
        var kubelet = await bed.StartKubeletAsync();
        await bed.StartPluginAsync(bed.Options(256 * EpcSize.Gibibyte));

        var plugin = await kubelet.WaitForResourceAsync(SgxResourceNames.EpcMebibytes, bed.Timeout);
        await plugin.WaitForDevicesAsync(d => d.Count == 0 && plugin.MessagesReceived > 0, bed.Timeout);
        bed.AddDeviceNode(SgxDeviceNodePaths.Enclave);
        var devices = await plugin.WaitForDevicesAsync(d => d.Count > 0, bed.Timeout);

        Assert.Equal(262_144, devices.Count);
        Assert.Equal(262_144, plugin.HealthyCount);
        Assert.True(plugin.StreamOpen);
        Assert.Null(plugin.StreamError);
    }

    [Fact]
    public async Task WithoutTheStartCheckTheKubeletClientWouldDropTheStream()
    {
        await using var bed = new PluginTestbed(output);
        var kubelet = await bed.StartKubeletAsync();
        var options = bed.Options(257 * EpcSize.Gibibyte, simulate: true);
        options.MaxListAndWatchMessageBytes = 8 * 1024 * 1024; // pretend the kubelet accepted more
        await bed.StartPluginAsync(options);

        var plugin = await kubelet.WaitForResourceAsync(SgxResourceNames.EpcMebibytes, bed.Timeout);
        await plugin.WaitForDevicesAsync(_ => plugin.StreamError is not null, bed.Timeout);

        var error = Assert.IsType<RpcException>(plugin.StreamError);
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal(0, plugin.HealthyCount);
    }
}
