namespace Confcom.DevicePlugin.Platform;

/// <summary>What this node offers for SGX and, for whatever is missing, why, in words an operator can act on.</summary>
public sealed record SgxNodeReport(
    bool Simulated,
    SgxCpuFeatures Cpu,
    EpcInventory Epc,
    IReadOnlyList<NumaEpc> NumaEpc,
    SgxDeviceNodeSnapshot DeviceNodes,
    IReadOnlyList<string> Problems)
{
    /// <summary>Enclaves can run here: EPC is known and an enclave device is usable (real or simulated).</summary>
    public bool EnclavesUsable => Epc.TotalBytes > 0 && DeviceNodes.EnclaveUsable;
}
