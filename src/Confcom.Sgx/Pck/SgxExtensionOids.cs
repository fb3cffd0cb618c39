namespace Confcom.Sgx.Pck;

/// <summary>
/// OIDs of Intel's SGX extension in PCK certificates (QVL <c>Src/AttestationParsers/src/ParserUtils.h</c>).
/// The extension itself (non-critical) is a SEQUENCE of SEQUENCE { OID, value }.
/// </summary>
public static class SgxExtensionOids
{
    public const string SgxExtension = "1.2.840.113741.1.13.1";
    public const string Ppid = SgxExtension + ".1";
    public const string Tcb = SgxExtension + ".2";
    public const string PceSvn = Tcb + ".17";
    public const string CpuSvn = Tcb + ".18";
    public const string PceId = SgxExtension + ".3";
    public const string Fmspc = SgxExtension + ".4";
    public const string SgxType = SgxExtension + ".5";
    public const string PlatformInstanceId = SgxExtension + ".6";
    public const string Configuration = SgxExtension + ".7";
    public const string DynamicPlatform = Configuration + ".1";
    public const string CachedKeys = Configuration + ".2";
    public const string SmtEnabled = Configuration + ".3";

    /// <summary>OID of SGX TCB component <paramref name="index"/> (1..16) SVN.</summary>
    public static string TcbComponent(int index) => index is >= 1 and <= 16
        ? $"{Tcb}.{index}"
        : throw new ArgumentOutOfRangeException(nameof(index), index, "SGX TCB components are numbered 1..16");
}
