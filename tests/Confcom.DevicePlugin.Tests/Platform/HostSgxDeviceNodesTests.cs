using Confcom.DevicePlugin.Platform;

namespace Confcom.DevicePlugin.Tests.Platform;

public sealed class HostSgxDeviceNodesTests
{
    [Fact]
    public void CharacterDevicesUnderTheHostRootAreFound()
    {
        using var tree = new FakeHostTree();
        tree.CharacterDevice(SgxDeviceNodePaths.Enclave).CharacterDevice(SgxDeviceNodePaths.Provision);

        var nodes = new HostSgxDeviceNodes(tree.Root).Probe();

        Assert.Equal(DeviceNodeState.CharacterDevice, nodes[SgxDeviceNodePaths.Enclave].State);
        Assert.Equal(SgxDeviceNodePaths.Enclave, nodes.EnclaveDevice?.HostPath);
        Assert.Equal(SgxDeviceNodePaths.Provision, nodes.ProvisionDevice?.HostPath);
        Assert.Equal(DeviceNodeState.Missing, nodes[SgxDeviceNodePaths.OutOfTreeSgx1].State);
    }

    [Fact]
    public void SomethingThatIsNotACharacterDeviceIsNotUsable()
    {
        using var tree = new FakeHostTree();
        tree.RegularFile(SgxDeviceNodePaths.Enclave).Folder(SgxDeviceNodePaths.Provision);

        var nodes = new HostSgxDeviceNodes(tree.Root).Probe();

        Assert.Equal(DeviceNodeState.NotCharacterDevice, nodes[SgxDeviceNodePaths.Enclave].State);
        Assert.Equal(UnixFileKind.RegularFile, nodes[SgxDeviceNodePaths.Enclave].FoundKind);
        Assert.Equal(UnixFileKind.Directory, nodes[SgxDeviceNodePaths.Provision].FoundKind);
        Assert.False(nodes.EnclaveUsable);
        Assert.False(nodes.ProvisionUsable);
    }

    [Fact]
    public void LegacyDcapNodesAreUsedWhenTheNewOnesAreAbsent()
    {
        using var tree = new FakeHostTree();
        tree.CharacterDevice(SgxDeviceNodePaths.LegacyEnclave);

        var nodes = new HostSgxDeviceNodes(tree.Root).Probe();

        Assert.Equal(SgxDeviceNodePaths.LegacyEnclave, nodes.EnclaveDevice?.HostPath);
        Assert.False(nodes.ProvisionUsable);
    }

    [Fact]
    public void SimulatedNodesStandInOnlyForMissingOnes()
    {
        using var tree = new FakeHostTree();
        tree.RegularFile(SgxDeviceNodePaths.Provision);

        var nodes = new SimulatedSgxDeviceNodes(new HostSgxDeviceNodes(tree.Root)).Probe();

        Assert.Equal(DeviceNodeState.Simulated, nodes[SgxDeviceNodePaths.Enclave].State);
        Assert.True(nodes.EnclaveUsable);
        Assert.Null(nodes.EnclaveDevice);
        Assert.Equal(DeviceNodeState.NotCharacterDevice, nodes[SgxDeviceNodePaths.Provision].State);
        Assert.False(nodes.ProvisionUsable);
    }

    [Fact]
    public void SnapshotsCompareByValue()
    {
        using var tree = new FakeHostTree();
        var probe = new HostSgxDeviceNodes(tree.Root);
        var before = probe.Probe();
        tree.CharacterDevice(SgxDeviceNodePaths.Enclave);
        var after = probe.Probe();

        Assert.NotEqual(before, after);
        Assert.Equal(after, probe.Probe());
    }
}
