namespace Confcom.DevicePlugin.Platform;

/// <summary>Looks for the SGX device nodes under a host root and checks each is a character device.</summary>
internal sealed class HostSgxDeviceNodes(string hostRoot) : ISgxDeviceNodes
{
    public string HostRoot { get; } = hostRoot;

    public string WatchDirectory => HostPath.Under(HostRoot, "/dev");

    public SgxDeviceNodeSnapshot Probe() => new(SgxDeviceNodePaths.All.Select(ProbeOne).ToList(), simulated: false);

    internal SgxDeviceNodeStatus ProbeOne(string hostPath)
    {
        var kind = UnixFileStatus.Get(HostPath.Under(HostRoot, hostPath)).Kind;
        var state = kind switch
        {
            UnixFileKind.Missing => DeviceNodeState.Missing,
            UnixFileKind.CharacterDevice => DeviceNodeState.CharacterDevice,
            _ => DeviceNodeState.NotCharacterDevice,
        };
        return new SgxDeviceNodeStatus(hostPath, state, kind);
    }
}
