using System.Buffers.Binary;

namespace Confcom.Sgx.Structures;

/// <summary>
/// The 384-byte <c>sgx_report_body_t</c>, kept as its exact bytes (signatures and MACs cover them, reserved
/// fields included) with typed views of the fields. Layout: LSGX <c>common/inc/sgx_report.h</c>.
/// </summary>
public sealed class SgxReportBody
{
    /// <summary>The structure's size in bytes.</summary>
    public const int Size = 384;

    internal const int CpuSvnOffset = 0;
    internal const int MiscSelectOffset = 16;
    internal const int IsvExtProdIdOffset = 32;
    internal const int AttributesOffset = 48;
    internal const int MrEnclaveOffset = 64;
    internal const int MrSignerOffset = 128;
    internal const int ConfigIdOffset = 192;
    internal const int IsvProdIdOffset = 256;
    internal const int IsvSvnOffset = 258;
    internal const int ConfigSvnOffset = 260;
    internal const int IsvFamilyIdOffset = 304;
    internal const int ReportDataOffset = 320;

    private readonly byte[] _bytes;

    private SgxReportBody(byte[] bytes) => _bytes = bytes;

    /// <summary>Parses a sgx report body; malformed input throws a <see cref="System.FormatException"/> naming the field.</summary>
    public static SgxReportBody Parse(ReadOnlySpan<byte> bytes)
    {
        SgxFormatException.ThrowIfWrongLength("sgx_report_body_t", bytes, Size);
        return new SgxReportBody(bytes.ToArray());
    }

    /// <summary>The raw bytes.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>CPUSVN: the CPU's security version number (16 bytes).</summary>
    public ReadOnlySpan<byte> CpuSvn => _bytes.AsSpan(CpuSvnOffset, 16);

    /// <summary>MISCSELECT: the extended SSA frame features the enclave enabled.</summary>
    public uint MiscSelect => BinaryPrimitives.ReadUInt32LittleEndian(_bytes.AsSpan(MiscSelectOffset));

    /// <summary>ISVEXTPRODID: the extended product ID.</summary>
    public ReadOnlySpan<byte> IsvExtProdId => _bytes.AsSpan(IsvExtProdIdOffset, 16);

    /// <summary>ATTRIBUTES: the enclave's attribute flags and XFRM.</summary>
    public SgxAttributes Attributes => SgxAttributes.Read(_bytes.AsSpan(AttributesOffset, SgxAttributes.Size));

    /// <summary>MRENCLAVE: the SHA-256 measurement of the enclave's initial code and data.</summary>
    public ReadOnlySpan<byte> MrEnclave => _bytes.AsSpan(MrEnclaveOffset, 32);

    /// <summary>MRSIGNER: the SHA-256 hash of the enclave signer's public key.</summary>
    public ReadOnlySpan<byte> MrSigner => _bytes.AsSpan(MrSignerOffset, 32);

    /// <summary>CONFIGID: the 64 bytes of configuration the enclave was launched with.</summary>
    public ReadOnlySpan<byte> ConfigId => _bytes.AsSpan(ConfigIdOffset, 64);

    /// <summary>ISVPRODID: the product ID the enclave signer assigned.</summary>
    public ushort IsvProdId => BinaryPrimitives.ReadUInt16LittleEndian(_bytes.AsSpan(IsvProdIdOffset));

    /// <summary>ISVSVN: the enclave's security version number.</summary>
    public ushort IsvSvn => BinaryPrimitives.ReadUInt16LittleEndian(_bytes.AsSpan(IsvSvnOffset));

    /// <summary>CONFIGSVN: the security version of the configuration.</summary>
    public ushort ConfigSvn => BinaryPrimitives.ReadUInt16LittleEndian(_bytes.AsSpan(ConfigSvnOffset));

    /// <summary>ISVFAMILYID: the product family ID.</summary>
    public ReadOnlySpan<byte> IsvFamilyId => _bytes.AsSpan(IsvFamilyIdOffset, 16);

    /// <summary>REPORTDATA: the 64 bytes the enclave bound into its report (typically a hash of a key or nonce).</summary>
    public ReadOnlySpan<byte> ReportData => _bytes.AsSpan(ReportDataOffset, 64);

    /// <summary>Whether this is a debug enclave or TD (its memory can be read by the host: never trust one in production).</summary>
    public bool IsDebug => Attributes.IsDebug;

    /// <summary>The structure's bytes, in the layout Intel defines.</summary>
    public byte[] ToArray() => (byte[])_bytes.Clone();

    internal static SgxReportBody FromOwnedBytes(byte[] bytes) => new(bytes);
}
