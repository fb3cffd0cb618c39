
namespace Confcom.Sgx.Collateral;

/// <summary>A level of an enclave identity (QE Identity, TDX module identity): the minimum ISVSVN and its status.</summary>
public sealed record EnclaveTcbLevel
{
    /// <summary>ISVSVN: the enclave's security version number.</summary>
    public required ushort IsvSvn { get; init; }

    /// <summary>The date of this TCB level (tcbDate): platforms at it are patched against advisories published up to then.</summary>
    public required DateTimeOffset TcbDate { get; init; }

    /// <summary>The TCB status of this level.</summary>
    public required TcbStatus Status { get; init; }

    /// <summary>The Intel security advisories (INTEL-SA-…) that apply at this level.</summary>
    public IReadOnlyList<string> AdvisoryIds { get; init; } = [];
}
