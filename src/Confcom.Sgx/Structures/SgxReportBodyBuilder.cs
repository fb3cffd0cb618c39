using System.Buffers.Binary;

namespace Confcom.Sgx.Structures;

/// <summary>Assembles an <see cref="SgxReportBody"/> from field values; reserved bytes stay zero as on hardware.</summary>
public sealed class SgxReportBodyBuilder
{
    public byte[] CpuSvn { get; set; } = new byte[16];
    public uint MiscSelect { get; set; }
    public byte[] IsvExtProdId { get; set; } = new byte[16];
    public SgxAttributes Attributes { get; set; } = SgxAttributes.Production64;
    public byte[] MrEnclave { get; set; } = new byte[32];
    public byte[] MrSigner { get; set; } = new byte[32];
    public byte[] ConfigId { get; set; } = new byte[64];
    public ushort IsvProdId { get; set; }
    public ushort IsvSvn { get; set; }
    public ushort ConfigSvn { get; set; }
    public byte[] IsvFamilyId { get; set; } = new byte[16];
    public byte[] ReportData { get; set; } = new byte[64];

    public SgxReportBody Build()
    {
        var bytes = new byte[SgxReportBody.Size];
        Copy(CpuSvn, bytes, SgxReportBody.CpuSvnOffset, 16, nameof(CpuSvn));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(SgxReportBody.MiscSelectOffset), MiscSelect);
        Copy(IsvExtProdId, bytes, SgxReportBody.IsvExtProdIdOffset, 16, nameof(IsvExtProdId));
        Attributes.Write(bytes.AsSpan(SgxReportBody.AttributesOffset));
        Copy(MrEnclave, bytes, SgxReportBody.MrEnclaveOffset, 32, nameof(MrEnclave));
        Copy(MrSigner, bytes, SgxReportBody.MrSignerOffset, 32, nameof(MrSigner));
        Copy(ConfigId, bytes, SgxReportBody.ConfigIdOffset, 64, nameof(ConfigId));
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(SgxReportBody.IsvProdIdOffset), IsvProdId);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(SgxReportBody.IsvSvnOffset), IsvSvn);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(SgxReportBody.ConfigSvnOffset), ConfigSvn);
        Copy(IsvFamilyId, bytes, SgxReportBody.IsvFamilyIdOffset, 16, nameof(IsvFamilyId));
        // report_data may be given short (e.g. a 32-byte hash); the rest stays zero as enclaves usually leave it.
        if (ReportData.Length > 64)
        {
            throw new ArgumentException($"report_data is at most 64 bytes, got {ReportData.Length}", nameof(ReportData));
        }
        ReportData.CopyTo(bytes.AsSpan(SgxReportBody.ReportDataOffset));
        return SgxReportBody.FromOwnedBytes(bytes);
    }

    private static void Copy(byte[] source, byte[] destination, int offset, int length, string field)
    {
        if (source.Length != length)
        {
            throw new ArgumentException($"{field} must be {length} bytes, got {source.Length}", field);
        }
        source.CopyTo(destination, offset);
    }
}
