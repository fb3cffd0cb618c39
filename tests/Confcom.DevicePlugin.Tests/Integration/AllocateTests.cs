using Confcom.DevicePlugin.Resources;
using Confcom.DevicePlugin.Tests.Support;
using Confcom.DevicePlugin.V1Beta1;
using Confcom.DevicePlugin.Platform;
using Grpc.Core;

namespace Confcom.DevicePlugin.Tests.Integration;

public sealed class AllocateTests(ITestOutputHelper output)
{
    [Fact]
    public async Task EpcGetsTheEnclaveNodeUnderBothNamesButNotProvision()
    {
        await using var bed = new PluginTestbed(output).WithDeviceNodes(SgxDeviceNodePaths.Enclave, SgxDeviceNodePaths.Provision);
        var kubelet = await bed.StartKubeletAsync();
        await bed.StartPluginAsync(bed.Options(128 * EpcSize.Mebibyte));
        var plugin = await kubelet.WaitForResourceAsync(SgxResourceNames.EpcMebibytes, bed.Timeout);
        var devices = await plugin.WaitForDevicesAsync(d => d.Count > 0, bed.Timeout);

        var response = await plugin.AllocateAsync([devices[0].ID, devices[1].ID, devices[127].ID], bed.Timeout);

        Assert.Equal(
            [("/dev/sgx_enclave", "/dev/sgx_enclave", "rw"), ("/dev/sgx_enclave", "/dev/sgx/enclave", "rw")],
            response.Devices.Select(d => (d.HostPath, d.ContainerPath, d.Permissions)).ToList());
        Assert.Equal("3", response.Envs[EpcMebibyteResource.GrantedEnvironmentVariable]);
        Assert.False(response.Envs.ContainsKey(SgxResource.SimulatedEnvironmentVariable));
    }

    [Fact]
    public async Task EpcGrantsProvisionOnlyWhenConfigured()
    {
        await using var bed = new PluginTestbed(output).WithDeviceNodes(SgxDeviceNodePaths.Enclave, SgxDeviceNodePaths.Provision);
        var kubelet = await bed.StartKubeletAsync();
        var options = bed.Options();
        options.EpcGrantsProvision = true;
        await bed.StartPluginAsync(options);
        var plugin = await kubelet.WaitForResourceAsync(SgxResourceNames.EpcMebibytes, bed.Timeout);

        var response = await plugin.AllocateAsync(["0"], bed.Timeout);

        Assert.Contains(response.Devices, d => d.HostPath == SgxDeviceNodePaths.Provision && d.ContainerPath == SgxDeviceNodePaths.LegacyProvision);
    }

    [Fact]
    public async Task ProvisionResourceGetsOnlyTheProvisionNode()
    {
        await using var bed = new PluginTestbed(output).WithDeviceNodes(SgxDeviceNodePaths.Enclave, SgxDeviceNodePaths.Provision);
        var kubelet = await bed.StartKubeletAsync();
        await bed.StartPluginAsync(bed.Options(resources: [SgxResourceNames.Enclave, SgxResourceNames.Provision]));
        var provision = await kubelet.WaitForResourceAsync(SgxResourceNames.Provision, bed.Timeout);
        var enclave = await kubelet.WaitForResourceAsync(SgxResourceNames.Enclave, bed.Timeout);

        var provisionResponse = await provision.AllocateAsync(["sgx-provision-7"], bed.Timeout);
        var enclaveResponse = await enclave.AllocateAsync(["sgx-enclave-109"], bed.Timeout);

        Assert.All(provisionResponse.Devices, d => Assert.Equal(SgxDeviceNodePaths.Provision, d.HostPath));
        Assert.All(enclaveResponse.Devices, d => Assert.Equal(SgxDeviceNodePaths.Enclave, d.HostPath));
        Assert.Equal(2, provisionResponse.Devices.Count);
    }

    [Fact]
    public async Task OneResponsePerContainerRequestAndRepeatsAreIdentical()
    {
        await using var bed = new PluginTestbed(output).WithDeviceNodes(SgxDeviceNodePaths.Enclave);
        var kubelet = await bed.StartKubeletAsync();
        await bed.StartPluginAsync(bed.Options());
        var plugin = await kubelet.WaitForResourceAsync(SgxResourceNames.EpcMebibytes, bed.Timeout);
        var request = new AllocateRequest();
        request.ContainerRequests.Add(new ContainerAllocateRequest { DevicesIds = { "0", "1" } });
        request.ContainerRequests.Add(new ContainerAllocateRequest { DevicesIds = { "2" } });

        var first = await plugin.AllocateAsync(request, bed.Timeout);
        var again = await plugin.AllocateAsync(request, bed.Timeout);

        Assert.Equal(2, first.ContainerResponses.Count);
        Assert.Equal("2", first.ContainerResponses[0].Envs[EpcMebibyteResource.GrantedEnvironmentVariable]);
        Assert.Equal("1", first.ContainerResponses[1].Envs[EpcMebibyteResource.GrantedEnvironmentVariable]);
        Assert.Equal(first, again);
    }

    [Theory]
    [InlineData("10")]
    [InlineData("sgx-enclave-0")]
    [InlineData("")]
    public async Task UnknownIdsAreRefusedByName(string id)
    {
        await using var bed = new PluginTestbed(output).WithDeviceNodes(SgxDeviceNodePaths.Enclave);
        var kubelet = await bed.StartKubeletAsync();
        await bed.StartPluginAsync(bed.Options());
        var plugin = await kubelet.WaitForResourceAsync(SgxResourceNames.EpcMebibytes, bed.Timeout);

        // "10" decodes to index 128, beyond the 64 devices of a 64 MiB EPC.
        var ex = await Assert.ThrowsAsync<RpcException>(() => plugin.AllocateAsync(["0", id], bed.Timeout));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains($"unknown device ID '{id}'", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SimulatedNodeWithoutDevicesGetsNoDeviceSpecsButTheSimulationFlag()
    {
        await using var bed = new PluginTestbed(output);
        var kubelet = await bed.StartKubeletAsync();
        await bed.StartPluginAsync(bed.Options(simulate: true));
        var plugin = await kubelet.WaitForResourceAsync(SgxResourceNames.EpcMebibytes, bed.Timeout);
        await plugin.WaitForDevicesAsync(d => d.Count == 64 && d.All(x => x.Health == KubeletProtocol.Healthy), bed.Timeout);

        var response = await plugin.AllocateAsync(["5"], bed.Timeout);

        Assert.Empty(response.Devices);
        Assert.Equal("1", response.Envs[SgxResource.SimulatedEnvironmentVariable]);
    }

    [Fact]
    public async Task ADirectoryInPlaceOfTheNodeIsNeverHandedOut()
    {
        await using var bed = new PluginTestbed(output).WithDeviceNodes(SgxDeviceNodePaths.Provision);
        Directory.CreateDirectory(HostPath.Under(bed.HostRoot, SgxDeviceNodePaths.Enclave));
        var kubelet = await bed.StartKubeletAsync();
        await bed.StartPluginAsync(bed.Options());
        var plugin = await kubelet.WaitForResourceAsync(SgxResourceNames.EpcMebibytes, bed.Timeout);
        await plugin.WaitForDevicesAsync(d => d.Count == 0 && plugin.MessagesReceived > 0, bed.Timeout);

        var ex = await Assert.ThrowsAsync<RpcException>(() => plugin.AllocateAsync(["0"], bed.Timeout));

        Assert.Equal(0, plugin.DeviceCount);
        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Contains("not a character device", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QeGivesTheQuotingServiceBothNodesReadWrite()
    {
        await using var bed = new PluginTestbed(output).WithDeviceNodes(SgxDeviceNodePaths.Enclave, SgxDeviceNodePaths.Provision);
        var kubelet = await bed.StartKubeletAsync();
        await bed.StartPluginAsync(bed.Options(resources: [SgxResourceNames.EpcMebibytes, SgxResourceNames.QuotingEnclave]));
        var qe = await kubelet.WaitForResourceAsync(SgxResourceNames.QuotingEnclave, bed.Timeout);
        var devices = await qe.WaitForDevicesAsync(d => d.Count > 0, bed.Timeout);

        var response = await qe.AllocateAsync(["qe-1"], bed.Timeout);

        Assert.Equal(["qe-1"], devices.Select(d => d.ID));
        Assert.Equal(
            [("/dev/sgx_enclave", "/dev/sgx_enclave", "rw"), ("/dev/sgx_enclave", "/dev/sgx/enclave", "rw"),
             ("/dev/sgx_provision", "/dev/sgx_provision", "rw"), ("/dev/sgx_provision", "/dev/sgx/provision", "rw")],
            response.Devices.Select(d => (d.HostPath, d.ContainerPath, d.Permissions)).ToList());
        // Serving qe never widens what EPC pods get: still no provision node for them.
        var epc = await kubelet.WaitForResourceAsync(SgxResourceNames.EpcMebibytes, bed.Timeout);
        var epcResponse = await epc.AllocateAsync(["0"], bed.Timeout);
        Assert.DoesNotContain(epcResponse.Devices, d => d.HostPath == SgxDeviceNodePaths.Provision);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => qe.AllocateAsync(["qe-2"], bed.Timeout));
        Assert.Equal(StatusCode.InvalidArgument, unknown.StatusCode);
    }
}
