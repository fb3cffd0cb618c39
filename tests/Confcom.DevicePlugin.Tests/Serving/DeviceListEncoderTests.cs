using System.Globalization;
using Confcom.DevicePlugin.Resources;
using Confcom.DevicePlugin.Serving;
using Confcom.DevicePlugin.V1Beta1;
using Confcom.DevicePlugin.Platform;
using Confcom.DevicePlugin.Tests.Support;
using Google.Protobuf;

namespace Confcom.DevicePlugin.Tests.Serving;

public sealed class DeviceListEncoderTests
{
    private const int Limit = 4_194_304;

    [Fact]
    public void DecimalIdsFor256GiBWouldOverflowTheKubeletLimit()
    {
        // The naive encoding ("0".."262143"), as the spec counts it: 4,869,626 bytes.
        var naive = new ListAndWatchResponse();
        for (var i = 0; i < 262_144; i++)
        {
            naive.Devices.Add(new Device { ID = i.ToString(CultureInfo.InvariantCulture), Health = "Healthy" });
        }

        Assert.Equal(4_869_626, naive.CalculateSize());
    }

    [Fact]
    public void CompactIdsFor256GiBFitUnderTheLimit()
    {
        var list = DeviceListEncoder.EncodeHealthy(new EpcMebibyteResource(262_144, false), Limit);

        // 262,144 × 13 bytes of framing and "Healthy" + 782,208 bytes of IDs (64×1 + 4,096×2 + 258,048×3).
        Assert.Equal(4_190_080, list.SizeBytes);
        Assert.Equal(list.SizeBytes, list.Message.ToByteArray().Length);
        Assert.True(list.SizeBytes <= Limit);
    }

    [Fact]
    public void WithoutItsDeviceNodeAResourceAdvertisesNothing()
    {
        Assert.Empty(DeviceListEncoder.Nothing.Message.Devices);
        Assert.False(DeviceListEncoder.Nothing.Healthy);
        Assert.Equal(0, DeviceListEncoder.Nothing.Message.CalculateSize());
    }

    [Fact]
    public void DevicesCarryNoTopology()
    {
        var list = DeviceListEncoder.EncodeHealthy(SharedDeviceNodeResource.Enclave(110), Limit);

        Assert.Equal(110, list.Message.Devices.Count);
        Assert.All(list.Message.Devices, d => Assert.Null(d.Topology));
    }

    [Fact]
    public async Task AnEpcTooLargeEvenForCompactIdsIsRefusedAtStartNamingTheLimitAndTheAlternative()
    {
        var options = new DevicePluginOptions { Simulate = true, EpcBytes = 257 * EpcSize.Gibibyte, HostRoot = "/nonexistent-host-root" };
        using var host = PluginTestbed.BuildPlugin(options);

        var ex = await Assert.ThrowsAsync<DevicePluginStartupException>(() => host.StartAsync());

        Assert.Contains("4194304", ex.Message, StringComparison.Ordinal);
        Assert.Contains(SgxResourceNames.IntelEpcBytes, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownResourceIsRefusedAtStartButANodeWithoutEpcIsNot()
    {
        var unknown = new DevicePluginOptions { Simulate = true };
        unknown.Resources.Add("example.com/gpu");
        var noEpc = new DevicePluginOptions { HostRoot = "/nonexistent-host-root", KubeletDirectory = "/nonexistent-kubelet-dir" };
        using var unknownHost = PluginTestbed.BuildPlugin(unknown);
        using var noEpcHost = PluginTestbed.BuildPlugin(noEpc, platform: SgxPlatform.Create(new SgxPlatformOptions { HostRoot = noEpc.HostRoot }, new NoSgxCpu()));

        var invalid = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => unknownHost.StartAsync());
        Assert.Contains("unknown resource 'example.com/gpu'", invalid.Message, StringComparison.Ordinal);
        // A node without SGX starts (and then advertises nothing, saying why) instead of crash-looping.
        await noEpcHost.StartAsync();
        await noEpcHost.StopAsync();
    }

    private sealed class NoSgxCpu : ICpuid
    {
        public CpuidRegisters Query(uint leaf, uint subLeaf) => default;
    }
}
