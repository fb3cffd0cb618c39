namespace Confcom.DevicePlugin.Platform;

/// <summary>What CPUID says about SGX on this processor.</summary>
/// <param name="MaxBasicLeaf">CPUID leaf 0 EAX; below 0x12 the EPC cannot be enumerated (often a hypervisor hiding it).</param>
/// <param name="Sgx">Leaf 7 EBX bit 2.</param>
/// <param name="FlexibleLaunchControl">Leaf 7 ECX bit 30 (SGX_LC), required by the in-kernel driver.</param>
/// <param name="Sgx1">Leaf 0x12 EAX bit 0.</param>
/// <param name="Sgx2">Leaf 0x12 EAX bit 1 (dynamic memory management).</param>
/// <param name="MaxEnclaveSizeLog2Not64">Leaf 0x12 EDX[7:0].</param>
/// <param name="MaxEnclaveSizeLog2Mode64">Leaf 0x12 EDX[15:8].</param>
/// <param name="EpcSections">Leaf 0x12 sub-leaves 2.. until an invalid sub-leaf.</param>
public sealed record SgxCpuFeatures(
    uint MaxBasicLeaf,
    bool Sgx,
    bool FlexibleLaunchControl,
    bool Sgx1,
    bool Sgx2,
    int MaxEnclaveSizeLog2Not64,
    int MaxEnclaveSizeLog2Mode64,
    IReadOnlyList<EpcSection> EpcSections)
{
    public static SgxCpuFeatures None { get; } = new(0, false, false, false, false, 0, 0, []);

    /// <summary>True when leaf 0x12 is reachable, so the SGX1/SGX2 bits and EPC sections mean something.</summary>
    public bool SgxLeafAvailable => Sgx && MaxBasicLeaf >= SgxCpuidDecoder.SgxLeaf;

    public ulong TotalEpcBytes => EpcSections.Aggregate(0UL, (sum, s) => sum + s.SizeBytes);
}
