using Confcom.DevicePlugin.Platform;

namespace Confcom.DevicePlugin.Resources;

/// <summary>Turns the configured resource names into resources for this node's EPC.</summary>
public static class SgxResourceCatalog
{
    public static IReadOnlyList<SgxResource> Create(DevicePluginHostOptions options, EpcInventory epc)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(epc);
        if (options.Resources.Count == 0)
        {
            throw new DevicePluginStartupException("no resources to serve: pass --resources with one or more of " + string.Join(",", SgxResourceNames.All));
        }
        var resources = new List<SgxResource>();
        foreach (var name in options.Resources.Distinct(StringComparer.Ordinal))
        {
            resources.Add(name switch
            {
                SgxResourceNames.EpcMebibytes => CreateEpc(options, epc),
                SgxResourceNames.Enclave => SharedDeviceNodeResource.Enclave(RequirePositive(options.EnclaveSlots, "enclave slots")),
                SgxResourceNames.Provision => SharedDeviceNodeResource.Provision(RequirePositive(options.ProvisionSlots, "provision slots")),
                _ => throw new DevicePluginStartupException(
                    $"unknown resource '{name}': this plugin serves {string.Join(", ", SgxResourceNames.All)}"),
            });
        }
        return resources;
    }

    private static EpcMebibyteResource CreateEpc(DevicePluginHostOptions options, EpcInventory epc)
    {
        var mebibytes = epc.TotalMebibytes;
        if (mebibytes == 0)
        {
            throw new DevicePluginStartupException(
                $"{SgxResourceNames.EpcMebibytes}: this node reports no EPC ({epc.Origin}); run 'confcom node-info' to see why, " +
                "pass --epc SIZE if the hypervisor hides CPUID leaf 0x12, or --simulate on a machine without SGX");
        }
        if (mebibytes > int.MaxValue)
        {
            throw new DevicePluginStartupException($"{SgxResourceNames.EpcMebibytes}: {EpcSize.Format(epc.TotalBytes)} of EPC is more devices than the kubelet can list; use {SgxResourceNames.IntelEpcBytes}");
        }
        return new EpcMebibyteResource((int)mebibytes, options.EpcGrantsProvision);
    }

    private static int RequirePositive(int value, string what) => value > 0
        ? value
        : throw new DevicePluginStartupException($"{what} must be at least 1, not {value}");
}
