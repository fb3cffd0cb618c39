namespace Confcom.DevicePlugin.Platform;

/// <summary>Where an EPC figure came from, so operators can tell a measured EPC from a configured one.</summary>
public enum EpcOrigin
{
    /// <summary>Summed from CPUID leaf 0x12 sections.</summary>
    Cpuid,

    /// <summary>Given with <c>--epc</c> on a node whose hypervisor hides leaf 0x12.</summary>
    Override,

    /// <summary>A simulated node (<c>--simulate</c>).</summary>
    Simulated,
}
