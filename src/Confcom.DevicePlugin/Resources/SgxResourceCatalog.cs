using Confcom.DevicePlugin.Platform;

namespace Confcom.DevicePlugin.Resources;

/// <summary>
/// Turns the configured resource names into resources for this node's EPC. The names and slot counts were checked
/// by <see cref="DevicePluginOptionsValidator"/>; what is checked here depends on the node.
/// </summary>
internal static class SgxResourceCatalog
{
    public static IReadOnlyList<SgxResource> Create(DevicePluginOptions options, EpcInventory epc)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(epc);
        var resources = new List<SgxResource>();
        foreach (var name in options.Resources.Distinct(StringComparer.Ordinal))
        {
            resources.Add(name switch
            {
                SgxResourceNames.EpcMebibytes => CreateEpc(options, epc),
                SgxResourceNames.Enclave => SharedDeviceNodeResource.Enclave(options.EnclaveSlots),
                SgxResourceNames.Provision => SharedDeviceNodeResource.Provision(options.ProvisionSlots),
                SgxResourceNames.QuotingEnclave => new QuotingEnclaveResource(),
                _ => throw new ArgumentException($"unknown resource '{name}' (the options validator lets none through)", nameof(options)),
            });
        }
        return resources;
    }

    private static EpcMebibyteResource CreateEpc(DevicePluginOptions options, EpcInventory epc)
    {
        var mebibytes = epc.TotalMebibytes;
        if (mebibytes == 0)
        {
            // Not a startup failure: a DaemonSet pod on a node without SGX must stay up (no crash-loop) and advertise
            // nothing, as Intel's plugin does; the reason goes to the log and /healthz.
            return new EpcMebibyteResource(0, options.EpcGrantsProvision,
                $"this node reports no EPC ({epc.Origin}): no SGX, or SGX disabled in the BIOS; run 'confcom node-info' to see why, " +
                "pass --epc SIZE if the hypervisor hides CPUID leaf 0x12, or --simulate on a machine without SGX");
        }
        if (mebibytes > int.MaxValue)
        {
            throw new DevicePluginStartupException($"{SgxResourceNames.EpcMebibytes}: {EpcSize.Format(epc.TotalBytes)} of EPC is more devices than the kubelet can list; use {SgxResourceNames.IntelEpcBytes}");
        }
        return new EpcMebibyteResource((int)mebibytes, options.EpcGrantsProvision);
    }
}
