namespace Confcom.Sgx.Collateral;

/// <summary>A TDX module identity of TCB Info v3 (<c>tdxModule</c> has no id and no levels; <c>tdxModuleIdentities[]</c> entries have both).</summary>
public sealed record TdxModuleIdentity
{
    /// <summary>E.g. <c>TDX_01</c>; null for the plain <c>tdxModule</c> object.</summary>
    public string? Id { get; init; }

    /// <summary>48 bytes.</summary>
    public required byte[] MrSigner { get; init; }

    /// <summary>8 bytes.</summary>
    public required byte[] Attributes { get; init; }

    /// <summary>8 bytes.</summary>
    public required byte[] AttributesMask { get; init; }

    /// <summary>Levels by ISVSVN, highest first as served.</summary>
    public IReadOnlyList<EnclaveTcbLevel> TcbLevels { get; init; } = [];
}
