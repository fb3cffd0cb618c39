using System.Globalization;

namespace Confcom.DevicePlugin.Platform;

/// <summary>Reads every SGX fact of a node and explains each gap (the problems users hit in intel#739, azure-docs#71783).</summary>
public static class SgxNodeInspector
{
    public static SgxNodeReport Inspect(SgxPlatform platform)
    {
        ArgumentNullException.ThrowIfNull(platform);
        var cpu = SgxCpuidDecoder.Decode(platform.Cpuid);
        var epc = platform.Epc.Read();
        var numa = SysfsNumaEpcReader.Read(platform.HostRoot);
        var nodes = platform.DeviceNodes.Probe();
        var problems = platform.Simulated ? [] : Diagnose(cpu, epc, numa, nodes);
        return new SgxNodeReport(platform.Simulated, cpu, epc, numa, nodes, problems);
    }

    private static List<string> Diagnose(SgxCpuFeatures cpu, EpcInventory epc, IReadOnlyList<NumaEpc> numa, SgxDeviceNodeSnapshot nodes)
    {
        var problems = new List<string>();
        var enclave = nodes[SgxDeviceNodePaths.Enclave];
        var provision = nodes[SgxDeviceNodePaths.Provision];

        if (!cpu.Sgx)
        {
            problems.Add("the CPU does not report SGX (CPUID leaf 7 EBX bit 2 is clear): the processor has no SGX, SGX is " +
                "disabled in the BIOS, or the hypervisor hides it; enable SGX in the BIOS or choose an SGX VM size, or run confcom with --simulate");
        }
        else
        {
            if (!cpu.FlexibleLaunchControl)
            {
                problems.Add("the CPU has SGX but no Flexible Launch Control (CPUID leaf 7 ECX bit 30): the in-kernel driver " +
                    "and DCAP attestation need FLC; enable it in the BIOS (SGX launch control policy: unlocked) or use an FLC-capable CPU");
            }
            if (cpu.MaxBasicLeaf < SgxCpuidDecoder.SgxLeaf && epc.Origin == EpcOrigin.Cpuid)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture,
                    $"CPUID leaf 0x12 is not reachable (highest basic leaf is 0x{cpu.MaxBasicLeaf:x}): the hypervisor hides the EPC layout; pass the EPC size with --epc SIZE (e.g. --epc 64MiB)"));
            }
            else if (cpu.SgxLeafAvailable && cpu.EpcSections.Count == 0 && epc.Origin == EpcOrigin.Cpuid)
            {
                problems.Add("CPUID reports SGX but no EPC sections: SGX is probably disabled or its EPC size set to 0 in the BIOS (PRMRR size)");
            }
        }

        if (!enclave.IsCharacterDevice)
        {
            problems.Add(DescribeMissingEnclave(cpu, nodes, enclave));
        }
        else if (!provision.IsCharacterDevice)
        {
            problems.Add(provision.State == DeviceNodeState.NotCharacterDevice
                ? $"{SgxDeviceNodePaths.Provision} exists but is {Describe(provision.FoundKind)}, not a character device: fix the host's /dev (or the hostPath mount) so attestation keys can be created"
                : $"{SgxDeviceNodePaths.Provision} is missing: enclaves run, but attestation keys cannot be created and sgx.intel.com/provision stays unhealthy; use a kernel that creates it (≥ 5.11) and check udev permissions");
        }

        if (numa.Count > 0 && epc.Origin == EpcOrigin.Cpuid)
        {
            var kernelTotal = numa.Aggregate(0UL, (sum, n) => sum + n.TotalBytes);
            if (kernelTotal != epc.TotalBytes)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture,
                    $"the kernel manages {EpcSize.Format(kernelTotal)} of EPC (sysfs sgx_total_bytes) but CPUID enumerates {EpcSize.Format(epc.TotalBytes)}: some EPC sections were not usable by the driver; check dmesg for 'sgx:' lines"));
            }
        }
        return problems;
    }

    private static string DescribeMissingEnclave(SgxCpuFeatures cpu, SgxDeviceNodeSnapshot nodes, SgxDeviceNodeStatus enclave)
    {
        if (enclave.State == DeviceNodeState.NotCharacterDevice)
        {
            return $"{SgxDeviceNodePaths.Enclave} exists but is {Describe(enclave.FoundKind)}, not a character device: containers cannot be given it; " +
                "fix the host's /dev (udev rules) or the hostPath mount of this pod";
        }
        if (nodes[SgxDeviceNodePaths.LegacyEnclave].IsCharacterDevice)
        {
            return $"only the legacy DCAP driver node {SgxDeviceNodePaths.LegacyEnclave} is present ({SgxDeviceNodePaths.Enclave} is missing): " +
                "it is used, but upgrade to a kernel ≥ 5.11 or DCAP driver ≥ 1.41";
        }
        if (nodes[SgxDeviceNodePaths.OutOfTreeSgx1].IsCharacterDevice)
        {
            return $"only {SgxDeviceNodePaths.OutOfTreeSgx1} (the out-of-tree SGX1 driver) is present: it cannot be used by this plugin; " +
                "unload it and use a kernel ≥ 5.11 with CONFIG_X86_SGX on an FLC-capable CPU";
        }
        return cpu.Sgx
            ? $"SGX is in CPUID but {SgxDeviceNodePaths.Enclave} is missing: enable SGX in the BIOS or load a kernel ≥ 5.11 with CONFIG_X86_SGX"
            : $"{SgxDeviceNodePaths.Enclave} is missing: there is no SGX driver because there is no usable SGX";
    }

    private static string Describe(UnixFileKind kind) => kind switch
    {
        UnixFileKind.Directory => "a directory",
        UnixFileKind.RegularFile => "a regular file",
        UnixFileKind.Fifo => "a FIFO",
        UnixFileKind.Socket => "a socket",
        UnixFileKind.BlockDevice => "a block device",
        _ => "something else",
    };
}
