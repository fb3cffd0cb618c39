namespace Confcom.Sgx.Pck;

/// <summary>
/// OIDs of Intel's SGX extension in PCK certificates (QVL <c>Src/AttestationParsers/src/ParserUtils.h</c>).
/// The extension itself (non-critical) is a SEQUENCE of SEQUENCE { OID, value }.
/// </summary>
public static class SgxExtensionOids
{
    /// <summary>OID 1.2.840.113741.1.13.1: sgx extension in the PCK certificate's SGX extension.</summary>
    public const string SgxExtension = "1.2.840.113741.1.13.1";
    /// <summary>PPID: the platform's Provisioning ID (encrypted in quotes, plain in the PCK certificate).</summary>
    public const string Ppid = SgxExtension + ".1";
    /// <summary>The platform TCB: CPUSVN components and PCESVN.</summary>
    public const string Tcb = SgxExtension + ".2";
    /// <summary>PCESVN: the Provisioning Certification Enclave's security version number.</summary>
    public const string PceSvn = Tcb + ".17";
    /// <summary>CPUSVN: the CPU's security version number (16 bytes).</summary>
    public const string CpuSvn = Tcb + ".18";
    /// <summary>PCEID: the Provisioning Certification Enclave's ID.</summary>
    public const string PceId = SgxExtension + ".3";
    /// <summary>FMSPC: the Family-Model-Stepping-Platform-CustomSKU that selects the platform's TCB Info.</summary>
    public const string Fmspc = SgxExtension + ".4";
    /// <summary>The SGX type (Standard, Scalable or ScalableWithIntegrity).</summary>
    public const string SgxType = SgxExtension + ".5";
    /// <summary>The platform instance ID.</summary>
    public const string PlatformInstanceId = SgxExtension + ".6";
    /// <summary>The configuration.</summary>
    public const string Configuration = SgxExtension + ".7";
    /// <summary>The dynamic platform.</summary>
    public const string DynamicPlatform = Configuration + ".1";
    /// <summary>The cached keys.</summary>
    public const string CachedKeys = Configuration + ".2";
    /// <summary>The smt enabled.</summary>
    public const string SmtEnabled = Configuration + ".3";

    /// <summary>OID of SGX TCB component <paramref name="index"/> (1..16) SVN.</summary>
    public static string TcbComponent(int index) => index is >= 1 and <= 16
        ? $"{Tcb}.{index}"
        : throw new ArgumentOutOfRangeException(nameof(index), index, "SGX TCB components are numbered 1..16");
}
