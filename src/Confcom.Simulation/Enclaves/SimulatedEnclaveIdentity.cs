using Confcom.Sgx.Structures;

namespace Confcom.Simulation.Enclaves;

/// <summary>The measured identity of a simulated enclave: what EREPORT copies from its SECS into every report.</summary>
public sealed record SimulatedEnclaveIdentity
{
    public required byte[] MrEnclave { get; init; }
    public required byte[] MrSigner { get; init; }
    public ushort IsvProdId { get; init; }
    public ushort IsvSvn { get; init; }
    public SgxAttributes Attributes { get; init; } = SgxAttributes.Production64;
    public uint MiscSelect { get; init; }
    public ushort ConfigSvn { get; init; }
    public byte[] ConfigId { get; init; } = new byte[64];
    public byte[] IsvExtProdId { get; init; } = new byte[16];
    public byte[] IsvFamilyId { get; init; } = new byte[16];

    /// <summary>An identity with the DEBUG attribute set or cleared (verifiers reject debug enclaves by default).</summary>
    public SimulatedEnclaveIdentity WithDebug(bool debug) => this with
    {
        Attributes = debug
            ? Attributes with { Flags = Attributes.Flags | SgxAttributes.FlagDebug }
            : Attributes with { Flags = Attributes.Flags & ~SgxAttributes.FlagDebug },
    };

    /// <summary>The target info other enclaves use to make reports for this one.</summary>
    public SgxTargetInfo TargetInfo => SgxTargetInfo.Create(MrEnclave, Attributes, MiscSelect, ConfigSvn, ConfigId);
}
