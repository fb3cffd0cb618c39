namespace Confcom.DevicePlugin.Platform;

/// <summary>The hardware-or-simulated parts of one node's SGX platform, chosen once from <see cref="SgxPlatformOptions"/>.</summary>
public sealed class SgxPlatform
{
    private SgxPlatform(string hostRoot, bool simulated, ICpuid cpuid, IEpcSource epc, ISgxDeviceNodes deviceNodes)
    {
        HostRoot = hostRoot;
        Simulated = simulated;
        Cpuid = cpuid;
        Epc = epc;
        DeviceNodes = deviceNodes;
    }

    public string HostRoot { get; }

    public bool Simulated { get; }

    public ICpuid Cpuid { get; }

    public IEpcSource Epc { get; }

    public ISgxDeviceNodes DeviceNodes { get; }

    /// <param name="options">Host root, simulation and EPC override.</param>
    /// <param name="cpuid">The processor; tests inject recorded register values. Defaults to <see cref="HardwareCpuid"/>.</param>
    public static SgxPlatform Create(SgxPlatformOptions options, ICpuid? cpuid = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        cpuid ??= HardwareCpuid.Instance;
        var hostNodes = new HostSgxDeviceNodes(options.HostRoot);
        if (options.Simulate)
        {
            return new SgxPlatform(options.HostRoot, true, cpuid,
                new ConfiguredEpcSource(options.EpcBytes ?? SgxPlatformOptions.DefaultSimulatedEpcBytes, EpcOrigin.Simulated),
                new SimulatedSgxDeviceNodes(hostNodes));
        }
        IEpcSource epc = options.EpcBytes is { } bytes
            ? new ConfiguredEpcSource(bytes, EpcOrigin.Override)
            : new CpuidEpcSource(cpuid);
        return new SgxPlatform(options.HostRoot, false, cpuid, epc, hostNodes);
    }
}
