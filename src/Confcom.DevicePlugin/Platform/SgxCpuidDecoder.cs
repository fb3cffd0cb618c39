namespace Confcom.DevicePlugin.Platform;

/// <summary>
/// Decodes SGX support and the EPC layout from CPUID (Intel SDM vol. 3D ch. 36; the same masks as
/// klauspost/cpuid and the Linux driver's <c>sgx_page_cache_init</c>).
/// </summary>
internal static class SgxCpuidDecoder
{
    public const uint SgxLeaf = 0x12;
    private const uint ExtendedFeaturesLeaf = 0x07;
    private const uint FirstEpcSubLeaf = 2;

    /// <summary>The Linux driver enumerates at most 8 sections (SGX_MAX_EPC_SECTIONS); so do we.</summary>
    public const int MaxEpcSections = 8;

    private const uint SubLeafTypeMask = 0xF;
    private const uint SubLeafTypeInvalid = 0;
    private const uint SubLeafTypeEpcSection = 1;

    public static SgxCpuFeatures Decode(ICpuid cpuid)
    {
        ArgumentNullException.ThrowIfNull(cpuid);
        var maxLeaf = cpuid.Query(0, 0).Eax;
        if (maxLeaf < ExtendedFeaturesLeaf)
        {
            return SgxCpuFeatures.None with { MaxBasicLeaf = maxLeaf };
        }

        var features = cpuid.Query(ExtendedFeaturesLeaf, 0);
        var sgx = (features.Ebx & (1u << 2)) != 0;
        var launchControl = (features.Ecx & (1u << 30)) != 0;
        if (!sgx || maxLeaf < SgxLeaf)
        {
            return new SgxCpuFeatures(maxLeaf, sgx, launchControl, false, false, 0, 0, []);
        }

        var capabilities = cpuid.Query(SgxLeaf, 0);
        return new SgxCpuFeatures(
            maxLeaf,
            sgx,
            launchControl,
            Sgx1: (capabilities.Eax & 0x1) != 0,
            Sgx2: (capabilities.Eax & 0x2) != 0,
            MaxEnclaveSizeLog2Not64: (int)(capabilities.Edx & 0xFF),
            MaxEnclaveSizeLog2Mode64: (int)((capabilities.Edx >> 8) & 0xFF),
            ReadEpcSections(cpuid));
    }

    private static List<EpcSection> ReadEpcSections(ICpuid cpuid)
    {
        var sections = new List<EpcSection>();
        for (var i = 0u; i < MaxEpcSections; i++)
        {
            var r = cpuid.Query(SgxLeaf, FirstEpcSubLeaf + i);
            var type = r.Eax & SubLeafTypeMask;
            // Like the kernel: an invalid sub-leaf ends the list, and so does a type we do not know.
            if (type != SubLeafTypeEpcSection)
            {
                break;
            }
            var baseAddress = (r.Eax & 0xFFFFF000UL) | ((r.Ebx & 0x000FFFFFUL) << 32);
            var size = (r.Ecx & 0xFFFFF000UL) | ((r.Edx & 0x000FFFFFUL) << 32);
            sections.Add(new EpcSection(baseAddress, size));
        }
        return sections;
    }
}
