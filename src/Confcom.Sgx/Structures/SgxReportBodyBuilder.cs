using System.Buffers.Binary;

namespace Confcom.Sgx.Structures;

/// <summary>Assembles an <see cref="SgxReportBody"/> from field values; reserved bytes stay zero as on hardware.</summary>
public sealed class SgxReportBodyBuilder
{
    /// <summary>CPUSVN: the CPU's security version number (16 bytes).</summary>
    public byte[] CpuSvn { get; set; } = new byte[16];
    /// <summary>MISCSELECT: the extended SSA frame features the enclave enabled.</summary>
    public uint MiscSelect { get; set; }
    /// <summary>ISVEXTPRODID: the extended product ID.</summary>
    public byte[] IsvExtProdId { get; set; } = new byte[16];
    /// <summary>ATTRIBUTES: the enclave's attribute flags and XFRM.</summary>
    public SgxAttributes Attributes { get; set; } = SgxAttributes.Production64;
    /// <summary>MRENCLAVE: the SHA-256 measurement of the enclave's initial code and data.</summary>
    public byte[] MrEnclave { get; set; } = new byte[32];
    /// <summary>MRSIGNER: the SHA-256 hash of the enclave signer's public key.</summary>
    public byte[] MrSigner { get; set; } = new byte[32];
    /// <summary>CONFIGID: the 64 bytes of configuration the enclave was launched with.</summary>
    public byte[] ConfigId { get; set; } = new byte[64];
    /// <summary>ISVPRODID: the product ID the enclave signer assigned.</summary>
    public ushort IsvProdId { get; set; }
    /// <summary>ISVSVN: the enclave's security version number.</summary>
    public ushort IsvSvn { get; set; }
    /// <summary>CONFIGSVN: the security version of the configuration.</summary>
    public ushort ConfigSvn { get; set; }
    /// <summary>ISVFAMILYID: the product family ID.</summary>
    public byte[] IsvFamilyId { get; set; } = new byte[16];
    /// <summary>REPORTDATA: the 64 bytes the enclave bound into its report (typically a hash of a key or nonce).</summary>
    public byte[] ReportData { get; set; } = new byte[64];

    /// <summary>Build.</summary>
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
