namespace Confcom.DevicePlugin.Platform;

/// <summary>EPC as the processor enumerates it in CPUID leaf 0x12.</summary>
internal sealed class CpuidEpcSource(ICpuid cpuid) : IEpcSource
{
    public EpcInventory Read()
    {
        var features = SgxCpuidDecoder.Decode(cpuid);
        return new EpcInventory(features.EpcSections, features.TotalEpcBytes, EpcOrigin.Cpuid);
    }
}
