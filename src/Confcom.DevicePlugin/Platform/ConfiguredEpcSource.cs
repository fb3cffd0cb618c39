namespace Confcom.DevicePlugin.Platform;

/// <summary>A fixed EPC size: the simulated platform, or an operator's <c>--epc</c> override when CPUID leaf 0x12 is hidden.</summary>
internal sealed class ConfiguredEpcSource : IEpcSource
{
    private readonly EpcInventory _inventory;

    public ConfiguredEpcSource(ulong totalBytes, EpcOrigin origin)
    {
        if (origin == EpcOrigin.Cpuid)
        {
            throw new ArgumentException("a configured EPC is an override or a simulation, not a CPUID measurement", nameof(origin));
        }
        _inventory = new EpcInventory([], totalBytes, origin);
    }

    public EpcInventory Read() => _inventory;
}
