
namespace Confcom.Sgx.Collateral;

/// <summary>A level of an enclave identity (QE Identity, TDX module identity): the minimum ISVSVN and its status.</summary>
public sealed record EnclaveTcbLevel
{
    public required ushort IsvSvn { get; init; }

    public required DateTimeOffset TcbDate { get; init; }

    public required TcbStatus Status { get; init; }

    public IReadOnlyList<string> AdvisoryIds { get; init; } = [];
}
