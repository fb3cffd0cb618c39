using Confcom.DevicePlugin.Platform;

namespace Confcom.DevicePlugin.Tests.Platform;

/// <summary>CPUID register values as dumped from a machine (<c>cpuid -r</c>); unlisted leaves read as zero, as on hardware past the last sub-leaf.</summary>
internal sealed class RecordedCpuid : ICpuid
{
    private readonly Dictionary<(uint Leaf, uint SubLeaf), CpuidRegisters> _registers = [];

    public RecordedCpuid With(uint leaf, uint subLeaf, uint eax, uint ebx, uint ecx, uint edx)
    {
        _registers[(leaf, subLeaf)] = new CpuidRegisters(eax, ebx, ecx, edx);
        return this;
    }

    public CpuidRegisters Query(uint leaf, uint subLeaf) => _registers.GetValueOrDefault((leaf, subLeaf));
}
