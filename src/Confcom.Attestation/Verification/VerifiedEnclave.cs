namespace Confcom.Attestation.Verification;

/// <summary>The identity of the SGX enclave the quote is about (its report body), as lower-case hex.</summary>
public sealed record VerifiedEnclave
{
    /// <summary>MRENCLAVE: the SHA-256 measurement of the enclave's initial code and data.</summary>
    public required string MrEnclave { get; init; }

    /// <summary>MRSIGNER: the SHA-256 hash of the enclave signer's public key.</summary>
    public required string MrSigner { get; init; }

    /// <summary>ISVPRODID: the product ID the enclave signer assigned.</summary>
    public required ushort IsvProdId { get; init; }

    /// <summary>ISVSVN: the enclave's security version number.</summary>
    public required ushort IsvSvn { get; init; }

    /// <summary>CPUSVN: the CPU's security version number (16 bytes).</summary>
    public required string CpuSvn { get; init; }

    /// <summary>MISCSELECT: the extended SSA frame features the enclave enabled.</summary>
    public required uint MiscSelect { get; init; }

    /// <summary>ATTRIBUTES.FLAGS; bit 1 (0x02) is DEBUG.</summary>
    public required ulong AttributesFlags { get; init; }

    /// <summary>The attributes xfrm.</summary>
    public required ulong AttributesXfrm { get; init; }

    /// <summary>Whether this is a debug enclave or TD (its memory can be read by the host: never trust one in production).</summary>
    public required bool IsDebug { get; init; }

    /// <summary>KSS: ISVEXTPRODID (16 bytes).</summary>
    public required string IsvExtProdId { get; init; }

    /// <summary>KSS: ISVFAMILYID (16 bytes).</summary>
    public required string IsvFamilyId { get; init; }

    /// <summary>KSS: CONFIGID (64 bytes).</summary>
    public required string ConfigId { get; init; }

    /// <summary>CONFIGSVN: the security version of the configuration.</summary>
    public required ushort ConfigSvn { get; init; }

    /// <summary>The 64 bytes the enclave bound into its report (e.g. a hash of its public key).</summary>
    public required string ReportData { get; init; }
}
