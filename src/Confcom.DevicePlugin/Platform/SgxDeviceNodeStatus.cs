namespace Confcom.DevicePlugin.Platform;

/// <summary>One device node: its host path, what is there, and for anything but a character device, what it is.</summary>
public sealed record SgxDeviceNodeStatus(string HostPath, DeviceNodeState State, UnixFileKind FoundKind)
{
    public bool IsCharacterDevice => State == DeviceNodeState.CharacterDevice;

    /// <summary>Usable for health purposes: a real character device, or simulated.</summary>
    public bool IsUsable => State is DeviceNodeState.CharacterDevice or DeviceNodeState.Simulated;
}
