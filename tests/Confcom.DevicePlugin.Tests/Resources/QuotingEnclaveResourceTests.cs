using Confcom.DevicePlugin.Platform;
using Confcom.DevicePlugin.Resources;

namespace Confcom.DevicePlugin.Tests.Resources;

public sealed class QuotingEnclaveResourceTests
{
    private static readonly SgxDeviceNodeStatus Enclave = new(SgxDeviceNodePaths.Enclave, DeviceNodeState.CharacterDevice, UnixFileKind.CharacterDevice);
    private static readonly SgxDeviceNodeStatus Provision = new(SgxDeviceNodePaths.Provision, DeviceNodeState.CharacterDevice, UnixFileKind.CharacterDevice);

    [Theory]
    [InlineData("qe-1", true)]
    [InlineData("qe-0", false)]
    [InlineData("qe-2", false)]
    [InlineData("0", false)]
    [InlineData("", false)]
    public void Advertises_exactly_one_device_qe_1(string id, bool known)
    {
        var qe = new QuotingEnclaveResource();
        Assert.Equal(1, qe.DeviceCount);
        Assert.Equal("qe-1", qe.DeviceId(0));
        Assert.Equal(known, qe.TryParseDeviceId(id, out _));
        Assert.Equal("sgx.intel.com-qe.sock", qe.SocketName);
    }

    [Fact]
    public void Is_healthy_only_with_both_device_nodes()
    {
        var qe = new QuotingEnclaveResource();
        Assert.True(qe.IsHealthy(new SgxDeviceNodeSnapshot([Enclave, Provision], simulated: false)));
        var onlyEnclave = new SgxDeviceNodeSnapshot([Enclave], simulated: false);
        Assert.False(qe.IsHealthy(onlyEnclave));
        Assert.Contains("/dev/sgx_provision is missing", qe.UnhealthyReason(onlyEnclave), StringComparison.Ordinal);
        var onlyProvision = new SgxDeviceNodeSnapshot([Provision], simulated: false);
        Assert.Contains("/dev/sgx_enclave is missing", qe.UnhealthyReason(onlyProvision), StringComparison.Ordinal);
    }
}
