namespace Confcom.Attestation.Verification;

/// <summary>The identity of the SGX enclave the quote is about (its report body), as lower-case hex.</summary>
public sealed record VerifiedEnclave
{
    public required string MrEnclave { get; init; }

    public required string MrSigner { get; init; }

    public required ushort IsvProdId { get; init; }

    public required ushort IsvSvn { get; init; }

    public required string CpuSvn { get; init; }

    public required uint MiscSelect { get; init; }

    /// <summary>ATTRIBUTES.FLAGS; bit 1 (0x02) is DEBUG.</summary>
    public required ulong AttributesFlags { get; init; }

    public required ulong AttributesXfrm { get; init; }

    public required bool IsDebug { get; init; }

    /// <summary>KSS: ISVEXTPRODID (16 bytes).</summary>
    public required string IsvExtProdId { get; init; }

    /// <summary>KSS: ISVFAMILYID (16 bytes).</summary>
    public required string IsvFamilyId { get; init; }

    /// <summary>KSS: CONFIGID (64 bytes).</summary>
    public required string ConfigId { get; init; }

    public required ushort ConfigSvn { get; init; }

    /// <summary>The 64 bytes the enclave bound into its report (e.g. a hash of its public key).</summary>
    public required string ReportData { get; init; }
}
