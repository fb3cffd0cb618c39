namespace Confcom.Attestation.Verification;

/// <summary>The measurements of the TDX trust domain the quote is about (its TD report body), as lower-case hex.</summary>
public sealed record VerifiedTd
{
    public required string TeeTcbSvn { get; init; }

    public required string MrSeam { get; init; }

    public required string MrSignerSeam { get; init; }

    public required string SeamAttributes { get; init; }

    public required string TdAttributes { get; init; }

    public required string Xfam { get; init; }

    public required string MrTd { get; init; }

    public required string MrConfigId { get; init; }

    public required string MrOwner { get; init; }

    public required string MrOwnerConfig { get; init; }

    /// <summary>RTMR0..RTMR3.</summary>
    public required IReadOnlyList<string> Rtmrs { get; init; }

    public required string ReportData { get; init; }

    /// <summary>TD_ATTRIBUTES bit 0 (DEBUG).</summary>
    public required bool IsDebug { get; init; }
}
