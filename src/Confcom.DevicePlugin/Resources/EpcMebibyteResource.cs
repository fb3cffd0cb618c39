using System.Globalization;
using Confcom.DevicePlugin.V1Beta1;
using Confcom.DevicePlugin.Platform;

namespace Confcom.DevicePlugin.Resources;

/// <summary>
/// <c>kubernetes.azure.com/sgx_epc_mem_in_MiB</c>: one device per MiB of EPC, for scheduling (the kernel does not
/// enforce it). A container that gets any receives the enclave device; the provision device only when configured.
/// </summary>
internal sealed class EpcMebibyteResource(int mebibytes, bool grantsProvision, string? noEpcReason = null) : SgxResource
{
    /// <summary>Env var telling the workload how much EPC it was granted, in MiB.</summary>
    public const string GrantedEnvironmentVariable = "CONFCOM_SGX_EPC_MIB";

    public override string ResourceName => SgxResourceNames.EpcMebibytes;

    public override int DeviceCount { get; } = mebibytes;

    public bool GrantsProvision { get; } = grantsProvision;

    public override string DeviceId(int index) => CompactDeviceId.Encode(index);

    public override bool TryParseDeviceId(string id, out int index) =>
        CompactDeviceId.TryDecode(id, out index) && index < DeviceCount;

    /// <summary>A node without EPC (no SGX, or SGX off in the BIOS) has no devices to advertise, ever.</summary>
    public override bool IsHealthy(SgxDeviceNodeSnapshot nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        return DeviceCount > 0 && nodes.EnclaveUsable;
    }

    public override string UnhealthyReason(SgxDeviceNodeSnapshot nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        return DeviceCount == 0 ? noEpcReason ?? "this node reports no EPC" : DescribeNode(nodes[SgxDeviceNodePaths.Enclave]);
    }

    public override ContainerAllocateResponse BuildContainerResponse(SgxDeviceNodeSnapshot nodes, IReadOnlyList<string> deviceIds)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(deviceIds);
        var response = new ContainerAllocateResponse();
        AddDeviceSpecs(response, nodes.EnclaveDevice, SgxDeviceNodePaths.Enclave, SgxDeviceNodePaths.LegacyEnclave);
        if (GrantsProvision)
        {
            AddDeviceSpecs(response, nodes.ProvisionDevice, SgxDeviceNodePaths.Provision, SgxDeviceNodePaths.LegacyProvision);
        }
        response.Envs[GrantedEnvironmentVariable] = deviceIds.Count.ToString(CultureInfo.InvariantCulture);
        MarkSimulatedIfNoDevice(response, nodes);
        return response;
    }
}
