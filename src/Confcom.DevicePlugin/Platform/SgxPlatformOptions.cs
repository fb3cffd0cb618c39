namespace Confcom.DevicePlugin.Platform;

/// <summary>How to look at this node's SGX platform.</summary>
public sealed class SgxPlatformOptions
{
    /// <summary>Where the host's / is visible to this process (<c>--host-root</c>).</summary>
    public string HostRoot { get; set; } = "/";

    /// <summary>Simulate an SGX platform (<c>--simulate</c>): EPC from <see cref="EpcBytes"/>, device nodes optional.</summary>
    public bool Simulate { get; set; }

    /// <summary><c>--epc</c>: the simulated EPC, or without <see cref="Simulate"/> an override for hidden CPUID leaf 0x12.</summary>
    public ulong? EpcBytes { get; set; }

    public const ulong DefaultSimulatedEpcBytes = 128 * EpcSize.Mebibyte;
}
