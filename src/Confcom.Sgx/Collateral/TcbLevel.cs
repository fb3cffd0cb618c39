
namespace Confcom.Sgx.Collateral;

/// <summary>One <c>tcbLevels[]</c> entry of TCB Info: the component SVNs a platform must reach and the status it then has.</summary>
public sealed record TcbLevel
{
    /// <summary>The 16 SGX TCB component SVNs (sgxtcbcomp01svn..16 in v2, sgxtcbcomponents[] in v3).</summary>
    public required IReadOnlyList<byte> SgxComponents { get; init; }

    /// <summary>PCESVN: the Provisioning Certification Enclave's security version number.</summary>
    public required ushort PceSvn { get; init; }

    /// <summary>TDX only: the 16 TDX TCB component SVNs; empty for SGX.</summary>
    public IReadOnlyList<byte> TdxComponents { get; init; } = [];

    /// <summary>The date of this TCB level (tcbDate): platforms at it are patched against advisories published up to then.</summary>
    public required DateTimeOffset TcbDate { get; init; }

    /// <summary>The TCB status of this level.</summary>
    public required TcbStatus Status { get; init; }

    /// <summary>The Intel security advisories (INTEL-SA-…) that apply at this level.</summary>
    public IReadOnlyList<string> AdvisoryIds { get; init; } = [];
}
