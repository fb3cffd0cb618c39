namespace Confcom.DevicePlugin.Platform;

/// <summary>The seam between real device nodes under a host root and a simulated platform that has none.</summary>
public interface ISgxDeviceNodes
{
    /// <summary>The directory (as this process sees it) whose changes may change the nodes; watchers use it.</summary>
    string WatchDirectory { get; }

    SgxDeviceNodeSnapshot Probe();
}
