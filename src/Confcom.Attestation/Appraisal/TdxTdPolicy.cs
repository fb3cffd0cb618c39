namespace Confcom.Attestation.Appraisal;

/// <summary>
/// What a TDX trust domain must be (Intel appraisal's <c>tdx_td_policy</c>): measurements are 48 bytes hex,
/// case-insensitive. Null means "not checked".
/// </summary>
public sealed record TdxTdPolicy
{
    /// <summary>Allowed MRTD values (the TD's initial image).</summary>
    public IReadOnlyList<string>? MrTd { get; init; }

    /// <summary>RTMR0 (firmware configuration) the TD must show.</summary>
    public string? Rtmr0 { get; init; }

    /// <summary>RTMR1 (OS loader, kernel).</summary>
    public string? Rtmr1 { get; init; }

    /// <summary>RTMR2 (kernel command line, initrd).</summary>
    public string? Rtmr2 { get; init; }

    /// <summary>RTMR3 (runtime, application-defined).</summary>
    public string? Rtmr3 { get; init; }

    /// <summary>MRCONFIGID the TD was created with.</summary>
    public string? MrConfigId { get; init; }

    /// <summary>MROWNER the TD was created with.</summary>
    public string? MrOwner { get; init; }

    /// <summary>MROWNERCONFIG the TD was created with.</summary>
    public string? MrOwnerConfig { get; init; }

    /// <summary>The lowest TEE_TCB_SVN accepted, 16 bytes hex compared component by component.</summary>
    public string? MinTeeTcbSvn { get; init; }
}
