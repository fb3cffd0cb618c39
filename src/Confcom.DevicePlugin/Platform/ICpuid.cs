namespace Confcom.DevicePlugin.Platform;

/// <summary>
/// The seam between the processor and everything that interprets it: the hardware implementation executes CPUID,
/// tests supply register values captured from real CPU layouts.
/// </summary>
public interface ICpuid
{
    CpuidRegisters Query(uint leaf, uint subLeaf);
}
