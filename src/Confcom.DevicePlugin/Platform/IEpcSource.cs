namespace Confcom.DevicePlugin.Platform;

/// <summary>The seam between measured EPC (CPUID) and configured EPC (simulation or an operator override).</summary>
public interface IEpcSource
{
    EpcInventory Read();
}
