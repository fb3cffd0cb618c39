namespace Confcom.DevicePlugin.Platform;

/// <summary>
/// A simulated SGX node: real character devices are still reported (and handed to containers) when present,
/// but missing enclave and provision nodes read as <see cref="DeviceNodeState.Simulated"/> so resources stay healthy.
/// </summary>
internal sealed class SimulatedSgxDeviceNodes(HostSgxDeviceNodes host) : ISgxDeviceNodes
{
    public string WatchDirectory => host.WatchDirectory;

    public SgxDeviceNodeSnapshot Probe()
    {
        var nodes = host.Probe().Nodes
            .Select(n => n.State == DeviceNodeState.Missing && n.HostPath is SgxDeviceNodePaths.Enclave or SgxDeviceNodePaths.Provision
                ? n with { State = DeviceNodeState.Simulated }
                : n)
            .ToList();
        return new SgxDeviceNodeSnapshot(nodes, simulated: true);
    }
}
