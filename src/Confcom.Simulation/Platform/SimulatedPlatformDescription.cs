using System.Security.Cryptography;
using Confcom.Sgx.Pck;

namespace Confcom.Simulation.Platform;

/// <summary>
/// What the simulated node claims to be: the values Intel would certify in its PCK certificate (FMSPC, PCE-ID,
/// TCB components, PCESVN, CPUSVN, …) and the identity of its quoting enclave. Persisted as <c>platform.json</c>.
/// </summary>
public sealed record SimulatedPlatformDescription
{
    public required byte[] Fmspc { get; init; }
    public required byte[] PceId { get; init; }
    public required byte[] Ppid { get; init; }
    public required byte[] CpuSvn { get; init; }

    /// <summary>The 16 SGX TCB component SVNs (comp01…comp16).</summary>
    public required byte[] TcbComponents { get; init; }

    public required ushort PceSvn { get; init; }
    public required SgxType SgxType { get; init; }
    public required byte[] PlatformInstanceId { get; init; }
    public bool DynamicPlatform { get; init; } = true;
    public bool CachedKeys { get; init; } = true;
    public bool SmtEnabled { get; init; } = true;

    /// <summary>The SGX extension Intel would put into this platform's (Platform-CA) PCK certificate.</summary>
    public PckCertificateExtension PckExtension() =>
        PckCertificateExtension.Create(Ppid, new PckTcb(TcbComponents, PceSvn, CpuSvn), PceId, Fmspc, SgxType,
            PlatformInstanceId, new PckPlatformConfiguration(DynamicPlatform, CachedKeys, SmtEnabled));

    /// <summary>QE_ID the quoting enclave writes into quote headers (user_data[0:16]); stable per node.</summary>
    public required byte[] QeId { get; init; }

    /// <summary>ISVSVN of the simulated QE3 (quote header qe_svn and QE report isv_svn).</summary>
    public required ushort QeSvn { get; init; }

    /// <summary>FMSPC of simulated platforms: recognisably not a real Intel family.</summary>
    public static ReadOnlySpan<byte> DefaultFmspc => [0x00, 0xC0, 0xFF, 0xEE, 0x00, 0x00];

    /// <summary>A new platform with per-node random identifiers (PPID, instance id, QE_ID) and the default TCB.</summary>
    public static SimulatedPlatformDescription CreateDefault()
    {
        byte[] components = [13, 13, 2, 2, 3, 1, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0];
        return new SimulatedPlatformDescription
        {
            Fmspc = DefaultFmspc.ToArray(),
            PceId = [0x00, 0x00],
            Ppid = RandomNumberGenerator.GetBytes(16),
            // On Intel parts the raw CPUSVN bytes are the component SVNs.
            CpuSvn = (byte[])components.Clone(),
            TcbComponents = components,
            PceSvn = 13,
            SgxType = SgxType.Scalable,
            PlatformInstanceId = RandomNumberGenerator.GetBytes(16),
            QeId = RandomNumberGenerator.GetBytes(16),
            QeSvn = 8,
        };
    }

    /// <summary>Checks the field sizes a PCK certificate and quote header need; throws naming the field.</summary>
    public void Validate()
    {
        RequireLength(Fmspc, 6, nameof(Fmspc));
        RequireLength(PceId, 2, nameof(PceId));
        RequireLength(Ppid, 16, nameof(Ppid));
        RequireLength(CpuSvn, 16, nameof(CpuSvn));
        RequireLength(TcbComponents, 16, nameof(TcbComponents));
        RequireLength(PlatformInstanceId, 16, nameof(PlatformInstanceId));
        RequireLength(QeId, 16, nameof(QeId));
        if (!Enum.IsDefined(SgxType))
        {
            throw new FormatException($"SgxType {(int)SgxType} is not 0 (Standard), 1 (Scalable) or 2 (ScalableWithIntegrity)");
        }
    }

    private static void RequireLength(byte[]? value, int length, string field)
    {
        if (value is null || value.Length != length)
        {
            throw new FormatException($"{field} must be {length} bytes, found {value?.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}");
        }
    }
}
