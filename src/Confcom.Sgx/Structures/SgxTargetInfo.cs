using System.Buffers.Binary;

namespace Confcom.Sgx.Structures;

/// <summary>
/// The 512-byte <c>sgx_target_info_t</c>: who a REPORT is for. Layout: mr_enclave 0/32, attributes 32/16,
/// config_svn 50/2, misc_select 52/4, config_id 64/64; the rest reserved (zero).
/// </summary>
public sealed class SgxTargetInfo
{
    /// <summary>The structure's size in bytes.</summary>
    public const int Size = 512;
    private const int MrEnclaveOffset = 0;
    private const int AttributesOffset = 32;
    private const int ConfigSvnOffset = 50;
    private const int MiscSelectOffset = 52;
    private const int ConfigIdOffset = 64;

    private readonly byte[] _bytes;

    private SgxTargetInfo(byte[] bytes) => _bytes = bytes;

    /// <summary>Parses a sgx target info; malformed input throws a <see cref="System.FormatException"/> naming the field.</summary>
    public static SgxTargetInfo Parse(ReadOnlySpan<byte> bytes)
    {
        SgxFormatException.ThrowIfWrongLength("sgx_target_info_t", bytes, Size);
        return new SgxTargetInfo(bytes.ToArray());
    }

    /// <summary>Creates a SGX target info.</summary>
    public static SgxTargetInfo Create(ReadOnlySpan<byte> mrEnclave, SgxAttributes attributes, uint miscSelect,
        ushort configSvn = 0, ReadOnlySpan<byte> configId = default)
    {
        if (mrEnclave.Length != 32)
        {
            throw new ArgumentException($"mr_enclave must be 32 bytes, got {mrEnclave.Length}", nameof(mrEnclave));
        }
        if (!configId.IsEmpty && configId.Length != 64)
        {
            throw new ArgumentException($"config_id must be 64 bytes, got {configId.Length}", nameof(configId));
        }
        var bytes = new byte[Size];
        mrEnclave.CopyTo(bytes.AsSpan(MrEnclaveOffset));
        attributes.Write(bytes.AsSpan(AttributesOffset));
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(ConfigSvnOffset), configSvn);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(MiscSelectOffset), miscSelect);
        configId.CopyTo(bytes.AsSpan(ConfigIdOffset));
        return new SgxTargetInfo(bytes);
    }

    /// <summary>The target info an enclave with this report body would present (what EREPORT callers copy).</summary>
    public static SgxTargetInfo For(SgxReportBody enclave) =>
        Create(enclave.MrEnclave, enclave.Attributes, enclave.MiscSelect, enclave.ConfigSvn, enclave.ConfigId);

    /// <summary>MRENCLAVE: the SHA-256 measurement of the enclave's initial code and data.</summary>
    public ReadOnlySpan<byte> MrEnclave => _bytes.AsSpan(MrEnclaveOffset, 32);

    /// <summary>ATTRIBUTES: the enclave's attribute flags and XFRM.</summary>
    public SgxAttributes Attributes => SgxAttributes.Read(_bytes.AsSpan(AttributesOffset, SgxAttributes.Size));

    /// <summary>CONFIGSVN: the security version of the configuration.</summary>
    public ushort ConfigSvn => BinaryPrimitives.ReadUInt16LittleEndian(_bytes.AsSpan(ConfigSvnOffset));

    /// <summary>MISCSELECT: the extended SSA frame features the enclave enabled.</summary>
    public uint MiscSelect => BinaryPrimitives.ReadUInt32LittleEndian(_bytes.AsSpan(MiscSelectOffset));

    /// <summary>CONFIGID: the 64 bytes of configuration the enclave was launched with.</summary>
    public ReadOnlySpan<byte> ConfigId => _bytes.AsSpan(ConfigIdOffset, 64);

    /// <summary>The raw bytes.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>The structure's bytes, in the layout Intel defines.</summary>
    public byte[] ToArray() => (byte[])_bytes.Clone();
}
