namespace Confcom.Sgx.Pck;

/// <summary>
/// The TCB level a PCK certificate was issued for (OID …13.1.2): 16 SGX TCB component SVNs, the PCE SVN and the
/// raw CPUSVN. TCB matching uses these values, not the quote header's PCE SVN (which may be higher).
/// </summary>
public sealed class PckTcb
{
    /// <summary>Component count.</summary>
    public const int ComponentCount = 16;

    private readonly byte[] _componentSvns;
    private readonly byte[] _cpuSvn;

    /// <summary>Creates a PCK TCB.</summary>
    public PckTcb(ReadOnlySpan<byte> componentSvns, ushort pceSvn, ReadOnlySpan<byte> cpuSvn)
    {
        if (componentSvns.Length != ComponentCount)
        {
            throw new ArgumentException($"a TCB has {ComponentCount} component SVNs, got {componentSvns.Length}", nameof(componentSvns));
        }
        if (cpuSvn.Length != 16)
        {
            throw new ArgumentException($"CPUSVN is 16 bytes, got {cpuSvn.Length}", nameof(cpuSvn));
        }
        _componentSvns = componentSvns.ToArray();
        PceSvn = pceSvn;
        _cpuSvn = cpuSvn.ToArray();
    }

    /// <summary>SGX TCB component SVNs 01..16 in order (index 0 is component 01).</summary>
    public ReadOnlySpan<byte> ComponentSvns => _componentSvns;

    /// <summary>PCESVN: the Provisioning Certification Enclave's security version number.</summary>
    public ushort PceSvn { get; }

    /// <summary>CPUSVN: the CPU's security version number (16 bytes).</summary>
    public ReadOnlySpan<byte> CpuSvn => _cpuSvn;
}
