namespace Confcom.DevicePlugin.Platform;

/// <summary>What was found at a device-node path.</summary>
public enum DeviceNodeState
{
    Missing,

    /// <summary>A character device: the only thing the kubelet may be given as a DeviceSpec.</summary>
    CharacterDevice,

    /// <summary>Something is there but it is not a character device (a directory, a regular file, a FIFO...).</summary>
    NotCharacterDevice,

    /// <summary>Absent, but the node is simulated: workloads run the SGX simulation and need no device.</summary>
    Simulated,
}
