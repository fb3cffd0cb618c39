using Confcom.DevicePlugin.Platform;
using Confcom.DevicePlugin.V1Beta1;

namespace Confcom.DevicePlugin.Resources;

/// <summary>
/// <c>sgx.intel.com/qe</c>, Intel's DCAP infrastructure resource: ONE device per node (<c>qe-1</c>) for the quoting
/// service, which gets both <c>/dev/sgx_enclave</c> and <c>/dev/sgx_provision</c> (QE3 and PCE need the
/// PROVISION_KEY). Because there is exactly one, only the node's quote helper holds provision access; enclave apps
/// request EPC and never get it.
/// </summary>
internal sealed class QuotingEnclaveResource : SgxResource
{
    /// <summary>The ID of the single device, as Intel's plugin names it.</summary>
    public const string SingleDeviceId = "qe-1";

    public override string ResourceName => SgxResourceNames.QuotingEnclave;

    public override int DeviceCount => 1;

    public override string DeviceId(int index) => index == 0 ? SingleDeviceId : throw new ArgumentOutOfRangeException(nameof(index));

    public override bool TryParseDeviceId(string id, out int index)
    {
        index = id == SingleDeviceId ? 0 : -1;
        return index == 0;
    }

    /// <summary>Both nodes, or nothing: a quoting service with only one of them cannot quote.</summary>
    public override bool IsHealthy(SgxDeviceNodeSnapshot nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        return nodes.EnclaveUsable && nodes.ProvisionUsable;
    }

    public override string UnhealthyReason(SgxDeviceNodeSnapshot nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        return nodes.EnclaveUsable ? DescribeNode(nodes[SgxDeviceNodePaths.Provision]) : DescribeNode(nodes[SgxDeviceNodePaths.Enclave]);
    }

    public override ContainerAllocateResponse BuildContainerResponse(SgxDeviceNodeSnapshot nodes, IReadOnlyList<string> deviceIds)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var response = new ContainerAllocateResponse();
        AddDeviceSpecs(response, nodes.EnclaveDevice, SgxDeviceNodePaths.Enclave, SgxDeviceNodePaths.LegacyEnclave);
        AddDeviceSpecs(response, nodes.ProvisionDevice, SgxDeviceNodePaths.Provision, SgxDeviceNodePaths.LegacyProvision);
        MarkSimulatedIfNoDevice(response, nodes);
        return response;
    }
}
