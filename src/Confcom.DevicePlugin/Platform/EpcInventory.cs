namespace Confcom.DevicePlugin.Platform;

/// <summary>The EPC this node offers: its sections (empty when not enumerated) and the total in bytes.</summary>
public sealed record EpcInventory(IReadOnlyList<EpcSection> Sections, ulong TotalBytes, EpcOrigin Origin)
{
    public ulong TotalMebibytes => TotalBytes / EpcSize.Mebibyte;
}
