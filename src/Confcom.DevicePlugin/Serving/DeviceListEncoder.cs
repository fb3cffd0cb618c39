using System.Globalization;
using Confcom.DevicePlugin.Resources;
using Confcom.DevicePlugin.V1Beta1;

namespace Confcom.DevicePlugin.Serving;

/// <summary>
/// Builds the full device list of a resource and checks it against the kubelet's receive limit before it is
/// ever sent: a message over the limit makes the kubelet drop the stream and mark every device unhealthy.
/// </summary>
internal static class DeviceListEncoder
{
    public static ListAndWatchResponse Encode(SgxResource resource, string health)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var response = new ListAndWatchResponse();
        var devices = response.Devices;
        devices.Capacity = resource.DeviceCount;
        for (var i = 0; i < resource.DeviceCount; i++)
        {
            // Topology stays null: an empty TopologyInfo reads as "no NUMA affinity possible" on older kubelets.
            devices.Add(new Device { ID = resource.DeviceId(i), Health = health });
        }
        return response;
    }

    /// <summary>The Healthy list, or a <see cref="DevicePluginStartupException"/> naming the limit and the alternative.</summary>
    public static DeviceListMessage EncodeHealthy(SgxResource resource, int maxBytes)
    {
        var message = Encode(resource, KubeletProtocol.Healthy);
        var size = message.CalculateSize();
        if (size > maxBytes)
        {
            throw new DevicePluginStartupException(string.Create(CultureInfo.InvariantCulture,
                $"{resource.ResourceName}: {resource.DeviceCount} devices make a {size}-byte ListAndWatch message, over the kubelet's " +
                $"{maxBytes}-byte gRPC receive limit, so the kubelet would drop the stream; " +
                $"advertise this node's EPC as the byte-counted node resource {SgxResourceNames.IntelEpcBytes} (NFD or a node-status patch) " +
                $"and serve --resources {SgxResourceNames.Enclave},{SgxResourceNames.Provision} instead"));
        }
        return new DeviceListMessage(message, size, Healthy: true);
    }

    /// <summary>
    /// What a resource sends while its device node is missing: no devices at all, as Intel's plugin does. The kubelet
    /// then shows capacity 0 (not N unhealthy devices that nothing can use), and the devices come back with the node.
    /// </summary>
    public static DeviceListMessage Nothing { get; } = new(new ListAndWatchResponse(), 0, Healthy: false);
}
