using Confcom.DevicePlugin.V1Beta1;
using Confcom.DevicePlugin.Platform;

namespace Confcom.DevicePlugin.Resources;

/// <summary>
/// One extended resource of the plugin: how many devices it advertises and their IDs, when they are healthy, and
/// what a container that gets some of them receives. Each resource is served on its own socket.
/// </summary>
internal abstract class SgxResource
{
    /// <summary>Env var set for workloads on a simulated node that received no device node.</summary>
    public const string SimulatedEnvironmentVariable = "CONFCOM_SGX_SIMULATED";

    public abstract string ResourceName { get; }

    /// <summary>The socket file in the kubelet's directory: <c>&lt;domain&gt;-&lt;name&gt;.sock</c> (Intel's convention).</summary>
    public string SocketName => ResourceName.Replace('/', '-') + ".sock";

    public abstract int DeviceCount { get; }

    public abstract string DeviceId(int index);

    public abstract bool TryParseDeviceId(string id, out int index);

    public abstract bool IsHealthy(SgxDeviceNodeSnapshot nodes);

    /// <summary>Why the devices are unhealthy, for logs and Allocate errors.</summary>
    public abstract string UnhealthyReason(SgxDeviceNodeSnapshot nodes);

    /// <summary>The response for one container; the IDs are already validated.</summary>
    public abstract ContainerAllocateResponse BuildContainerResponse(SgxDeviceNodeSnapshot nodes, IReadOnlyList<string> deviceIds);

    /// <summary>
    /// Adds the character device that serves <paramref name="primaryPath"/> under both its own name and its legacy
    /// alias, so old and new SDKs find it. Host paths are as the kubelet sees them, never under --host-root.
    /// </summary>
    protected static bool AddDeviceSpecs(ContainerAllocateResponse response, SgxDeviceNodeStatus? device, string primaryPath, string legacyPath)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (device is null)
        {
            return false;
        }
        foreach (var containerPath in new[] { primaryPath, legacyPath })
        {
            response.Devices.Add(new DeviceSpec { HostPath = device.HostPath, ContainerPath = containerPath, Permissions = "rw" });
        }
        return true;
    }

    protected static void MarkSimulatedIfNoDevice(ContainerAllocateResponse response, SgxDeviceNodeSnapshot nodes)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(nodes);
        if (nodes.Simulated && response.Devices.Count == 0)
        {
            response.Envs[SimulatedEnvironmentVariable] = "1";
        }
    }

    protected static string DescribeNode(SgxDeviceNodeStatus node) => node.State switch
    {
        DeviceNodeState.Missing => $"{node.HostPath} is missing on the host",
        DeviceNodeState.NotCharacterDevice => $"{node.HostPath} exists but is not a character device ({node.FoundKind})",
        _ => $"{node.HostPath} is {node.State}",
    };
}
