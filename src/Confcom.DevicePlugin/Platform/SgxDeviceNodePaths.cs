namespace Confcom.DevicePlugin.Platform;

/// <summary>The SGX device nodes as the host (and the kubelet) names them.</summary>
internal static class SgxDeviceNodePaths
{
    /// <summary>In-kernel driver (Linux ≥ 5.11) and DCAP driver ≥ 1.41: create and run enclaves.</summary>
    public const string Enclave = "/dev/sgx_enclave";

    /// <summary>Gives access to the PROVISION_KEY attribute: lets the holder create attestation keys.</summary>
    public const string Provision = "/dev/sgx_provision";

    /// <summary>udev symlink (and DCAP driver &lt; 1.41 node) that older SDKs open.</summary>
    public const string LegacyEnclave = "/dev/sgx/enclave";

    public const string LegacyProvision = "/dev/sgx/provision";

    /// <summary>The out-of-tree SGX1 driver; no launch control, not usable by a device plugin.</summary>
    public const string OutOfTreeSgx1 = "/dev/isgx";

    public static IReadOnlyList<string> All { get; } = [Enclave, Provision, LegacyEnclave, LegacyProvision, OutOfTreeSgx1];
}
