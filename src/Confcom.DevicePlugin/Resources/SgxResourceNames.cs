namespace Confcom.DevicePlugin.Resources;

/// <summary>The extended resource names this plugin can serve.</summary>
public static class SgxResourceNames
{
    /// <summary>AKS' original per-MiB EPC resource: one device per MiB of EPC.</summary>
    public const string EpcMebibytes = "kubernetes.azure.com/sgx_epc_mem_in_MiB";

    /// <summary>Intel's shared-slot resource for <c>/dev/sgx_enclave</c>.</summary>
    public const string Enclave = "sgx.intel.com/enclave";

    /// <summary>Intel's shared-slot resource for <c>/dev/sgx_provision</c>.</summary>
    public const string Provision = "sgx.intel.com/provision";

    /// <summary>Intel's DCAP infrastructure resource: one device per node giving the quoting service both device nodes.</summary>
    public const string QuotingEnclave = "sgx.intel.com/qe";

    /// <summary>Intel's byte-counted EPC node resource, the alternative when per-MiB devices are too many.</summary>
    public const string IntelEpcBytes = "sgx.intel.com/epc";

    public static IReadOnlyList<string> All { get; } = [EpcMebibytes, Enclave, Provision, QuotingEnclave];
}
