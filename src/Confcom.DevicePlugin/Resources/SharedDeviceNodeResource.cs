using System.Globalization;
using Confcom.DevicePlugin.V1Beta1;
using Confcom.DevicePlugin.Platform;

namespace Confcom.DevicePlugin.Resources;

/// <summary>
/// A device node shared by up to N containers, each slot one device (Intel's <c>sgx.intel.com/enclave</c> and
/// <c>sgx.intel.com/provision</c>, IDs <c>sgx-enclave-&lt;i&gt;</c>). All slots share the node's health.
/// </summary>
internal sealed class SharedDeviceNodeResource : SgxResource
{
    private readonly string _idPrefix;
    private readonly string _primaryPath;
    private readonly string _legacyPath;

    private SharedDeviceNodeResource(string resourceName, int slots, string idPrefix, string primaryPath, string legacyPath)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(slots);
        ResourceName = resourceName;
        DeviceCount = slots;
        _idPrefix = idPrefix;
        _primaryPath = primaryPath;
        _legacyPath = legacyPath;
    }

    public static SharedDeviceNodeResource Enclave(int slots) =>
        new(SgxResourceNames.Enclave, slots, "sgx-enclave-", SgxDeviceNodePaths.Enclave, SgxDeviceNodePaths.LegacyEnclave);

    public static SharedDeviceNodeResource Provision(int slots) =>
        new(SgxResourceNames.Provision, slots, "sgx-provision-", SgxDeviceNodePaths.Provision, SgxDeviceNodePaths.LegacyProvision);

    public override string ResourceName { get; }

    public override int DeviceCount { get; }

    private bool IsProvision => _primaryPath == SgxDeviceNodePaths.Provision;

    public override string DeviceId(int index) => _idPrefix + index.ToString(CultureInfo.InvariantCulture);

    public override bool TryParseDeviceId(string id, out int index)
    {
        index = -1;
        return id is not null
            && id.StartsWith(_idPrefix, StringComparison.Ordinal)
            && int.TryParse(id.AsSpan(_idPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out index)
            && index < DeviceCount
            && DeviceId(index) == id;
    }

    public override bool IsHealthy(SgxDeviceNodeSnapshot nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        return IsProvision ? nodes.ProvisionUsable : nodes.EnclaveUsable;
    }

    public override string UnhealthyReason(SgxDeviceNodeSnapshot nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        return DescribeNode(nodes[_primaryPath]);
    }

    public override ContainerAllocateResponse BuildContainerResponse(SgxDeviceNodeSnapshot nodes, IReadOnlyList<string> deviceIds)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var response = new ContainerAllocateResponse();
        AddDeviceSpecs(response, IsProvision ? nodes.ProvisionDevice : nodes.EnclaveDevice, _primaryPath, _legacyPath);
        MarkSimulatedIfNoDevice(response, nodes);
        return response;
    }
}
