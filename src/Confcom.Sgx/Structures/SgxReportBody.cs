using System.Buffers.Binary;

namespace Confcom.Sgx.Structures;

/// <summary>
/// The 384-byte <c>sgx_report_body_t</c>, kept as its exact bytes (signatures and MACs cover them, reserved
/// fields included) with typed views of the fields. Layout: LSGX <c>common/inc/sgx_report.h</c>.
/// </summary>
public sealed class SgxReportBody
{
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

    public static SgxReportBody Parse(ReadOnlySpan<byte> bytes)
    {
        SgxFormatException.ThrowIfWrongLength("sgx_report_body_t", bytes, Size);
        return new SgxReportBody(bytes.ToArray());
    }

    public ReadOnlySpan<byte> Bytes => _bytes;

    public ReadOnlySpan<byte> CpuSvn => _bytes.AsSpan(CpuSvnOffset, 16);

    public uint MiscSelect => BinaryPrimitives.ReadUInt32LittleEndian(_bytes.AsSpan(MiscSelectOffset));

    public ReadOnlySpan<byte> IsvExtProdId => _bytes.AsSpan(IsvExtProdIdOffset, 16);

    public SgxAttributes Attributes => SgxAttributes.Read(_bytes.AsSpan(AttributesOffset, SgxAttributes.Size));

    public ReadOnlySpan<byte> MrEnclave => _bytes.AsSpan(MrEnclaveOffset, 32);

    public ReadOnlySpan<byte> MrSigner => _bytes.AsSpan(MrSignerOffset, 32);

    public ReadOnlySpan<byte> ConfigId => _bytes.AsSpan(ConfigIdOffset, 64);

    public ushort IsvProdId => BinaryPrimitives.ReadUInt16LittleEndian(_bytes.AsSpan(IsvProdIdOffset));

    public ushort IsvSvn => BinaryPrimitives.ReadUInt16LittleEndian(_bytes.AsSpan(IsvSvnOffset));

    public ushort ConfigSvn => BinaryPrimitives.ReadUInt16LittleEndian(_bytes.AsSpan(ConfigSvnOffset));

    public ReadOnlySpan<byte> IsvFamilyId => _bytes.AsSpan(IsvFamilyIdOffset, 16);

    public ReadOnlySpan<byte> ReportData => _bytes.AsSpan(ReportDataOffset, 64);

    public bool IsDebug => Attributes.IsDebug;

    public byte[] ToArray() => (byte[])_bytes.Clone();

    internal static SgxReportBody FromOwnedBytes(byte[] bytes) => new(bytes);
}
