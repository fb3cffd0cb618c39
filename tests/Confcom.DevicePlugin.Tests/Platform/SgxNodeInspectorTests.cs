using Confcom.DevicePlugin.Platform;

namespace Confcom.DevicePlugin.Tests.Platform;

public sealed class SgxNodeInspectorTests
{
    [Fact]
    public void HealthyNodeHasNoProblems()
    {
        using var tree = new FakeHostTree();
        tree.CharacterDevice(SgxDeviceNodePaths.Enclave).CharacterDevice(SgxDeviceNodePaths.Provision)
            .RegularFile("/sys/devices/system/node/node0/x86/sgx_total_bytes", "98041856\n");

        var report = Inspect(tree, CpuLayouts.CoffeeLakeOneSection());

        Assert.Empty(report.Problems);
        Assert.True(report.EnclavesUsable);
        Assert.Equal([new NumaEpc(0, 98041856)], report.NumaEpc);
    }

    [Fact]
    public void BiosOffCaseNamesTheMissingNodeAndTheFix()
    {
        using var tree = new FakeHostTree();

        var report = Inspect(tree, CpuLayouts.CoffeeLakeOneSection());

        var problem = Assert.Single(report.Problems);
        Assert.Contains("SGX is in CPUID but /dev/sgx_enclave is missing", problem, StringComparison.Ordinal);
        Assert.Contains("BIOS", problem, StringComparison.Ordinal);
        Assert.False(report.EnclavesUsable);
    }

    [Fact]
    public void ADirectoryInPlaceOfTheDeviceIsCalledOut()
    {
        using var tree = new FakeHostTree();
        tree.Folder(SgxDeviceNodePaths.Enclave);

        var report = Inspect(tree, CpuLayouts.CoffeeLakeOneSection());

        Assert.Contains(report.Problems, p => p.Contains("is a directory, not a character device", StringComparison.Ordinal));
    }

    [Fact]
    public void NoSgxSuggestsSimulation()
    {
        using var tree = new FakeHostTree();

        var report = Inspect(tree, CpuLayouts.NoSgx());

        Assert.Contains(report.Problems, p => p.Contains("--simulate", StringComparison.Ordinal));
    }

    [Fact]
    public void HiddenLeafSuggestsTheEpcOverrideAndTheOverrideSilencesIt()
    {
        using var tree = new FakeHostTree();
        tree.CharacterDevice(SgxDeviceNodePaths.Enclave).CharacterDevice(SgxDeviceNodePaths.Provision);

        var hidden = Inspect(tree, CpuLayouts.HiddenSgxLeaf());
        var overridden = SgxNodeInspector.Inspect(SgxPlatform.Create(
            new SgxPlatformOptions { HostRoot = tree.Root, EpcBytes = 64 * EpcSize.Mebibyte }, CpuLayouts.HiddenSgxLeaf()));

        Assert.Contains(hidden.Problems, p => p.Contains("--epc", StringComparison.Ordinal));
        Assert.Empty(overridden.Problems);
        Assert.Equal(EpcOrigin.Override, overridden.Epc.Origin);
        Assert.Equal(64UL, overridden.Epc.TotalMebibytes);
    }

    [Fact]
    public void KernelEpcDifferentFromCpuidIsReported()
    {
        using var tree = new FakeHostTree();
        tree.CharacterDevice(SgxDeviceNodePaths.Enclave).CharacterDevice(SgxDeviceNodePaths.Provision)
            .RegularFile("/sys/devices/system/node/node0/x86/sgx_total_bytes", "68719476736")
            .RegularFile("/sys/devices/system/node/node1/x86/sgx_total_bytes", "0");

        var report = Inspect(tree, CpuLayouts.IceLakeTwoSocketsAbove4GiB());

        Assert.Equal(2, report.NumaEpc.Count);
        Assert.Contains(report.Problems, p => p.Contains("64 GiB", StringComparison.Ordinal) && p.Contains("128 GiB", StringComparison.Ordinal));
    }

    [Fact]
    public void SimulatedNodeOnAMachineWithoutSgxIsUsable()
    {
        using var tree = new FakeHostTree();

        var report = SgxNodeInspector.Inspect(SgxPlatform.Create(
            new SgxPlatformOptions { HostRoot = tree.Root, Simulate = true }, CpuLayouts.NoSgx()));

        Assert.True(report.Simulated);
        Assert.Empty(report.Problems);
        Assert.True(report.EnclavesUsable);
        Assert.Equal(128UL, report.Epc.TotalMebibytes);
    }

    private static SgxNodeReport Inspect(FakeHostTree tree, RecordedCpuid cpuid) =>
        SgxNodeInspector.Inspect(SgxPlatform.Create(new SgxPlatformOptions { HostRoot = tree.Root }, cpuid));
}
