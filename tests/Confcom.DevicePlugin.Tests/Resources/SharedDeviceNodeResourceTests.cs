using Confcom.DevicePlugin.Resources;
using Confcom.DevicePlugin.Platform;

namespace Confcom.DevicePlugin.Tests.Resources;

public sealed class SharedDeviceNodeResourceTests
{
    [Theory]
    [InlineData("sgx-enclave-0", true)]
    [InlineData("sgx-enclave-109", true)]
    [InlineData("sgx-enclave-110", false)]
    [InlineData("sgx-enclave-01", false)]
    [InlineData("sgx-enclave--1", false)]
    [InlineData("sgx-provision-1", false)]
    [InlineData("0", false)]
    public void AcceptsOnlyTheIdsItAdvertises(string id, bool known) =>
        Assert.Equal(known, SharedDeviceNodeResource.Enclave(110).TryParseDeviceId(id, out _));

    [Fact]
    public void SocketNamesFollowIntelsDomainDashNameConvention()
    {
        Assert.Equal("sgx.intel.com-enclave.sock", SharedDeviceNodeResource.Enclave(1).SocketName);
        Assert.Equal("sgx.intel.com-provision.sock", SharedDeviceNodeResource.Provision(1).SocketName);
    }

    [Fact]
    public void ProvisionHealthFollowsTheProvisionNodeOnly()
    {
        var onlyEnclave = new SgxDeviceNodeSnapshot(
            [new SgxDeviceNodeStatus(SgxDeviceNodePaths.Enclave, DeviceNodeState.CharacterDevice, UnixFileKind.CharacterDevice)], simulated: false);

        Assert.True(SharedDeviceNodeResource.Enclave(1).IsHealthy(onlyEnclave));
        Assert.False(SharedDeviceNodeResource.Provision(1).IsHealthy(onlyEnclave));
        Assert.Contains("/dev/sgx_provision is missing", SharedDeviceNodeResource.Provision(1).UnhealthyReason(onlyEnclave), StringComparison.Ordinal);
    }
}
