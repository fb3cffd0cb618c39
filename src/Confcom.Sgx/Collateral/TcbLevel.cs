
namespace Confcom.Sgx.Collateral;

/// <summary>One <c>tcbLevels[]</c> entry of TCB Info: the component SVNs a platform must reach and the status it then has.</summary>
public sealed record TcbLevel
{
    /// <summary>The 16 SGX TCB component SVNs (sgxtcbcomp01svn..16 in v2, sgxtcbcomponents[] in v3).</summary>
    public required IReadOnlyList<byte> SgxComponents { get; init; }

    public required ushort PceSvn { get; init; }

    /// <summary>TDX only: the 16 TDX TCB component SVNs; empty for SGX.</summary>
    public IReadOnlyList<byte> TdxComponents { get; init; } = [];

    public required DateTimeOffset TcbDate { get; init; }

    public required TcbStatus Status { get; init; }

    public IReadOnlyList<string> AdvisoryIds { get; init; } = [];
}
