namespace Confcom.DevicePlugin.Platform;

/// <summary>The SGX device nodes at one moment; compared by value so watchers can tell when anything changed.</summary>
public sealed class SgxDeviceNodeSnapshot : IEquatable<SgxDeviceNodeSnapshot>
{
    public SgxDeviceNodeSnapshot(IReadOnlyList<SgxDeviceNodeStatus> nodes, bool simulated)
    {
        Nodes = nodes;
        Simulated = simulated;
    }

    public IReadOnlyList<SgxDeviceNodeStatus> Nodes { get; }

    /// <summary>True on a simulated platform, where missing nodes read as <see cref="DeviceNodeState.Simulated"/>.</summary>
    public bool Simulated { get; }

    public SgxDeviceNodeStatus this[string hostPath] =>
        Nodes.FirstOrDefault(n => n.HostPath == hostPath) ?? new SgxDeviceNodeStatus(hostPath, DeviceNodeState.Missing, UnixFileKind.Missing);

    /// <summary>The character device that gives enclave access: the current node, else the legacy DCAP one.</summary>
    public SgxDeviceNodeStatus? EnclaveDevice => FirstCharacterDevice(SgxDeviceNodePaths.Enclave, SgxDeviceNodePaths.LegacyEnclave);

    public SgxDeviceNodeStatus? ProvisionDevice => FirstCharacterDevice(SgxDeviceNodePaths.Provision, SgxDeviceNodePaths.LegacyProvision);

    public bool EnclaveUsable => EnclaveDevice is not null || (Simulated && this[SgxDeviceNodePaths.Enclave].IsUsable);

    public bool ProvisionUsable => ProvisionDevice is not null || (Simulated && this[SgxDeviceNodePaths.Provision].IsUsable);

    private SgxDeviceNodeStatus? FirstCharacterDevice(params string[] paths) =>
        paths.Select(p => this[p]).FirstOrDefault(n => n.IsCharacterDevice);

    public bool Equals(SgxDeviceNodeSnapshot? other) =>
        other is not null && Simulated == other.Simulated && Nodes.SequenceEqual(other.Nodes);

    public override bool Equals(object? obj) => Equals(obj as SgxDeviceNodeSnapshot);

    public override int GetHashCode() => Nodes.Aggregate(Simulated.GetHashCode(), (h, n) => HashCode.Combine(h, n));
}
