namespace Confcom.Attestation.Verification;

/// <summary>The measurements of the TDX trust domain the quote is about (its TD report body), as lower-case hex.</summary>
public sealed record VerifiedTd
{
    /// <summary>TEE_TCB_SVN: the TDX TCB security version numbers.</summary>
    public required string TeeTcbSvn { get; init; }

    /// <summary>MRSEAM: the measurement of the TDX module.</summary>
    public required string MrSeam { get; init; }

    /// <summary>MRSIGNERSEAM: the measurement of the TDX module's signer.</summary>
    public required string MrSignerSeam { get; init; }

    /// <summary>The seam attributes.</summary>
    public required string SeamAttributes { get; init; }

    /// <summary>The TD attributes.</summary>
    public required string TdAttributes { get; init; }

    /// <summary>The xfam.</summary>
    public required string Xfam { get; init; }

    /// <summary>MRTD: the measurement of the TD's initial contents.</summary>
    public required string MrTd { get; init; }

    /// <summary>The mr config ID.</summary>
    public required string MrConfigId { get; init; }

    /// <summary>The mr owner.</summary>
    public required string MrOwner { get; init; }

    /// <summary>The mr owner config.</summary>
    public required string MrOwnerConfig { get; init; }

    /// <summary>RTMR0..RTMR3.</summary>
    public required IReadOnlyList<string> Rtmrs { get; init; }

    /// <summary>REPORTDATA: the 64 bytes the enclave bound into its report (typically a hash of a key or nonce).</summary>
    public required string ReportData { get; init; }

    /// <summary>TD_ATTRIBUTES bit 0 (DEBUG).</summary>
    public required bool IsDebug { get; init; }
}
