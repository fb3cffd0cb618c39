using System.Runtime.Intrinsics.X86;

namespace Confcom.DevicePlugin.Platform;

/// <summary>Executes CPUID on the current processor; on non-x86 processors every leaf reads as zero (no SGX).</summary>
internal sealed class HardwareCpuid : ICpuid
{
    public static HardwareCpuid Instance { get; } = new();

    public CpuidRegisters Query(uint leaf, uint subLeaf)
    {
        if (!X86Base.IsSupported)
        {
            return default;
        }
        var (eax, ebx, ecx, edx) = X86Base.CpuId(unchecked((int)leaf), unchecked((int)subLeaf));
        return new CpuidRegisters(unchecked((uint)eax), unchecked((uint)ebx), unchecked((uint)ecx), unchecked((uint)edx));
    }
}
