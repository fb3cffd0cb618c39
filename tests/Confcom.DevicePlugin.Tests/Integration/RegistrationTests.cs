using Confcom.DevicePlugin.Registration;
using Confcom.DevicePlugin.Resources;
using Confcom.DevicePlugin.Tests.Support;
using Confcom.DevicePlugin.V1Beta1;
using Confcom.DevicePlugin.Transport;
using Confcom.DevicePlugin.Platform;
using Grpc.Core;

namespace Confcom.DevicePlugin.Tests.Integration;

/// <summary>The real plugin host against the emulated kubelet over real Unix sockets.</summary>
public sealed class RegistrationTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(64UL)]
    [InlineData(128UL)]
    [InlineData(8192UL)]
    public async Task RegistersAndListsOneHealthyDevicePerMiB(ulong mebibytes)
    {
        await using var bed = new PluginTestbed(output).WithDeviceNodes(SgxDeviceNodePaths.Enclave, SgxDeviceNodePaths.Provision);
        var kubelet = await bed.StartKubeletAsync();
        await bed.StartPluginAsync(bed.Options(mebibytes * EpcSize.Mebibyte));

        var plugin = await kubelet.WaitForResourceAsync(SgxResourceNames.EpcMebibytes, bed.Timeout);
        var devices = await plugin.WaitForDevicesAsync(d => d.Count > 0, bed.Timeout);

        Assert.Equal((int)mebibytes, devices.Count);
        Assert.Equal((int)mebibytes, plugin.HealthyCount);
        Assert.Equal(devices.Count, devices.Select(d => d.ID).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Path.Combine(bed.KubeletDirectory, "kubernetes.azure.com-sgx_epc_mem_in_MiB.sock"), plugin.SocketPath);
        Assert.Equal(1, kubelet.RegistrationCount(SgxResourceNames.EpcMebibytes));
    }

    [Fact]
    public async Task TheKubeletDialsBackDuringRegisterAndGetsTheOptions()
    {
        await using var bed = new PluginTestbed(output).WithDeviceNodes(SgxDeviceNodePaths.Enclave);
        var kubelet = await bed.StartKubeletAsync();
        await bed.StartPluginAsync(bed.Options());

        var plugin = await kubelet.WaitForResourceAsync(SgxResourceNames.EpcMebibytes, bed.Timeout);

        // The emulator only records a plugin after GetDevicePluginOptions answered on the plugin's socket.
        Assert.False(plugin.Options.PreStartRequired);
        Assert.False(plugin.Options.GetPreferredAllocationAvailable);
    }

    [Fact]
    public async Task RegisterFailsWhenNothingAnswersOnTheAnnouncedSocket()
    {
        await using var bed = new PluginTestbed(output);
        var kubelet = await bed.StartKubeletAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => KubeletRegistrar.RegisterAsync(
            kubelet.KubeletSocketPath, SharedDeviceNodeResource.Enclave(1), TimeSpan.FromSeconds(20), bed.Timeout));

        Assert.Contains("failed to dial device plugin", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, kubelet.RegistrationCount(SgxResourceNames.Enclave));
    }

    [Theory]
    [InlineData("v1alpha", "example.com/foo", "requested API version \"v1alpha\" is not supported by kubelet")]
    [InlineData("v1beta1", "nodomain", "the ResourceName \"nodomain\" is invalid")]
    [InlineData("v1beta1", "kubernetes.io/sgx", "the ResourceName \"kubernetes.io/sgx\" is invalid")]
    public async Task TheEmulatorRejectsWhatTheKubeletRejects(string version, string resource, string error)
    {
        await using var bed = new PluginTestbed(output);
        var kubelet = await bed.StartKubeletAsync();
        using var channel = UnixSocketChannel.Create(kubelet.KubeletSocketPath);

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await new V1Beta1.Registration.RegistrationClient(channel).RegisterAsync(
            new RegisterRequest { Version = version, ResourceName = resource, Endpoint = "x.sock" }, cancellationToken: bed.Timeout));

        Assert.Contains(error, ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APluginStartedBeforeTheKubeletWaitsAndRegistersOnce()
    {
        await using var bed = new PluginTestbed(output).WithDeviceNodes(SgxDeviceNodePaths.Enclave);
        Directory.CreateDirectory(bed.KubeletDirectory);
        var host = await bed.StartPluginAsync(bed.Options());

        var kubelet = await bed.StartKubeletAsync();
        await PluginTestbed.WaitRegisteredAsync(host, [SgxResourceNames.EpcMebibytes], 1, bed.Timeout);
        var plugin = await kubelet.WaitForResourceAsync(SgxResourceNames.EpcMebibytes, bed.Timeout);
        await plugin.WaitForDevicesAsync(d => d.Count == 64, bed.Timeout);

        // kubelet.sock's creation after the plugin started watching must not trigger a second registration.
        Assert.Equal(1, kubelet.RegistrationCount(SgxResourceNames.EpcMebibytes));
    }

    [Fact]
    public async Task AKubeletRestartLeadsToReregistrationAndLeavesOtherFilesAlone()
    {
        await using var bed = new PluginTestbed(output).WithDeviceNodes(SgxDeviceNodePaths.Enclave, SgxDeviceNodePaths.Provision);
        var kubelet = await bed.StartKubeletAsync();
        var checkpoint = Path.Combine(bed.KubeletDirectory, KubeletProtocol.CheckpointFileName);
        var checkpointBefore = await File.ReadAllTextAsync(checkpoint, bed.Timeout);
        await File.WriteAllTextAsync(Path.Combine(bed.KubeletDirectory, "DEPRECATION"), "x", bed.Timeout);
        var host = await bed.StartPluginAsync(bed.Options(resources: [SgxResourceNames.EpcMebibytes, SgxResourceNames.Enclave]));
        await PluginTestbed.WaitRegisteredAsync(host, [SgxResourceNames.EpcMebibytes, SgxResourceNames.Enclave], 1, bed.Timeout);

        await kubelet.RestartAsync(bed.Timeout);
        var epc = await kubelet.WaitForResourceAsync(SgxResourceNames.EpcMebibytes, bed.Timeout);
        var enclave = await kubelet.WaitForResourceAsync(SgxResourceNames.Enclave, bed.Timeout);
        await epc.WaitForDevicesAsync(d => d.Count == 64 && d.All(x => x.Health == KubeletProtocol.Healthy), bed.Timeout);
        await enclave.WaitForDevicesAsync(d => d.Count == 110, bed.Timeout);
        var response = await epc.AllocateAsync(["0"], bed.Timeout);

        Assert.Equal(2, kubelet.RegistrationCount(SgxResourceNames.EpcMebibytes));
        Assert.Equal(2, kubelet.RegistrationCount(SgxResourceNames.Enclave));
        Assert.NotEmpty(response.Devices);
        Assert.Equal(checkpointBefore, await File.ReadAllTextAsync(checkpoint, bed.Timeout));
        Assert.True(File.Exists(Path.Combine(bed.KubeletDirectory, "DEPRECATION")));
    }

    [Fact]
    public async Task RemovingOnlyOurSocketAlsoLeadsToRebindAndReregistration()
    {
        await using var bed = new PluginTestbed(output).WithDeviceNodes(SgxDeviceNodePaths.Enclave);
        var kubelet = await bed.StartKubeletAsync();
        var host = await bed.StartPluginAsync(bed.Options());
        var first = await kubelet.WaitForResourceAsync(SgxResourceNames.EpcMebibytes, bed.Timeout);

        File.Delete(first.SocketPath);
        await PluginTestbed.WaitRegisteredAsync(host, [SgxResourceNames.EpcMebibytes], 2, bed.Timeout);
        var second = await kubelet.WaitForResourceAsync(SgxResourceNames.EpcMebibytes, bed.Timeout);
        await second.WaitForDevicesAsync(d => d.Count == 64, bed.Timeout);

        Assert.NotSame(first, second);
        Assert.True(File.Exists(second.SocketPath));
    }

    [Fact]
    public async Task StoppingThePluginRemovesItsSocketOnly()
    {
        await using var bed = new PluginTestbed(output).WithDeviceNodes(SgxDeviceNodePaths.Enclave);
        var kubelet = await bed.StartKubeletAsync();
        var host = await bed.StartPluginAsync(bed.Options());
        var plugin = await kubelet.WaitForResourceAsync(SgxResourceNames.EpcMebibytes, bed.Timeout);
        Assert.True(File.Exists(plugin.SocketPath));

        await host.StopAsync(bed.Timeout);

        Assert.False(File.Exists(plugin.SocketPath));
        Assert.True(File.Exists(kubelet.KubeletSocketPath));
        Assert.True(File.Exists(Path.Combine(bed.KubeletDirectory, KubeletProtocol.CheckpointFileName)));
    }

    [Fact]
    public async Task A256GiBListFitsThroughTheKubeletsReceiveLimit()
    {
        await using var bed = new PluginTestbed(output);
        var kubelet = await bed.StartKubeletAsync();
        await bed.StartPluginAsync(bed.Options(256 * EpcSize.Gibibyte, simulate: true));

        var plugin = await kubelet.WaitForResourceAsync(SgxResourceNames.EpcMebibytes, bed.Timeout);
        var devices = await plugin.WaitForDevicesAsync(d => d.Count > 0, bed.Timeout);

        Assert.Equal(262_144, devices.Count);
        Assert.Null(plugin.StreamError);
        Assert.InRange(plugin.LastMessageBytes, 1, KubeletProtocol.KubeletMaxReceiveMessageBytes);
    }

    [Fact]
    public async Task AStaleSocketFromAnEarlierRunIsReplaced()
    {
        await using var bed = new PluginTestbed(output).WithDeviceNodes(SgxDeviceNodePaths.Enclave);
        var kubelet = await bed.StartKubeletAsync();
        var stale = Path.Combine(bed.KubeletDirectory, "kubernetes.azure.com-sgx_epc_mem_in_MiB.sock");
        using (var crashed = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified))
        {
            // .NET unlinks a bound socket's file on dispose; moving it away first leaves what a killed plugin leaves behind.
            crashed.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(stale + ".tmp"));
            File.Move(stale + ".tmp", stale);
        }
        Assert.Equal(UnixFileKind.Socket, UnixFileStatus.GetWithoutFollowing(stale).Kind);

        await bed.StartPluginAsync(bed.Options());
        var plugin = await kubelet.WaitForResourceAsync(SgxResourceNames.EpcMebibytes, bed.Timeout);
        var devices = await plugin.WaitForDevicesAsync(d => d.Count == 64, bed.Timeout);

        Assert.Equal(stale, plugin.SocketPath);
        Assert.Equal(64, devices.Count);
    }
}
