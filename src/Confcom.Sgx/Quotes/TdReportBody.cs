using System.Buffers.Binary;

namespace Confcom.Sgx.Quotes;

/// <summary>
/// A TDX quote body: TD report 1.0 (<c>sgx_report2_body_t</c>, 584 bytes) or TD report 1.5
/// (<c>sgx_report2_body_v1_5_t</c>, 648 bytes, adding TEE_TCB_SVN2 and MRSERVICETD). Kept as its exact bytes.
/// Layout: DCAP <c>sgx_quote_4.h</c>, <c>sgx_quote_5.h</c>.
/// </summary>
public sealed class TdReportBody
{
    /// <summary>The size10.</summary>
    public const int Size10 = QuoteConstants.TdReport10BodySize;
    /// <summary>The size15.</summary>
    public const int Size15 = QuoteConstants.TdReport15BodySize;

    internal const int TeeTcbSvnOffset = 0;
    internal const int MrSeamOffset = 16;
    internal const int MrSignerSeamOffset = 64;
    internal const int SeamAttributesOffset = 112;
    internal const int TdAttributesOffset = 120;
    internal const int XfamOffset = 128;
    internal const int MrTdOffset = 136;
    internal const int MrConfigIdOffset = 184;
    internal const int MrOwnerOffset = 232;
    internal const int MrOwnerConfigOffset = 280;
    internal const int RtMrOffset = 328;
    internal const int ReportDataOffset = 520;
    internal const int TeeTcbSvn2Offset = 584;
    internal const int MrServiceTdOffset = 600;

    /// <summary>Rt mr count.</summary>
    public const int RtMrCount = 4;
    private const int MeasurementSize = 48;

    private readonly ReadOnlyMemory<byte> _bytes;

    private TdReportBody(ReadOnlyMemory<byte> bytes) => _bytes = bytes;

    /// <summary>Copies a 584- or 648-byte TD report body.</summary>
    public static TdReportBody Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length is not (Size10 or Size15))
        {
            throw new SgxFormatException("TD report body", "(whole structure)", 0, $"expected {Size10} or {Size15} bytes, found {bytes.Length}");
        }
        return new TdReportBody(bytes.ToArray());
    }

    /// <summary>Views (does not copy) a body the quote parser already length-checked.</summary>
    internal static TdReportBody View(ReadOnlyMemory<byte> bytes) => new(bytes);

    /// <summary>The body type.</summary>
    public QuoteBodyType BodyType => _bytes.Length == Size15 ? QuoteBodyType.TdReport15 : QuoteBodyType.TdReport10;

    /// <summary>Whether this is td15.</summary>
    public bool IsTd15 => _bytes.Length == Size15;

    /// <summary>The raw bytes.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes.Span;

    /// <summary>TEE_TCB_SVN: the TDX TCB security version numbers.</summary>
    public ReadOnlySpan<byte> TeeTcbSvn => Field(TeeTcbSvnOffset, 16);

    /// <summary>MRSEAM: the measurement of the TDX module.</summary>
    public ReadOnlySpan<byte> MrSeam => Field(MrSeamOffset, MeasurementSize);

    /// <summary>MRSIGNERSEAM: the measurement of the TDX module's signer.</summary>
    public ReadOnlySpan<byte> MrSignerSeam => Field(MrSignerSeamOffset, MeasurementSize);

    /// <summary>The seam attributes.</summary>
    public ulong SeamAttributes => BinaryPrimitives.ReadUInt64LittleEndian(Field(SeamAttributesOffset, 8));

    /// <summary>The TD attributes.</summary>
    public ulong TdAttributes => BinaryPrimitives.ReadUInt64LittleEndian(Field(TdAttributesOffset, 8));

    /// <summary>The xfam.</summary>
    public ulong Xfam => BinaryPrimitives.ReadUInt64LittleEndian(Field(XfamOffset, 8));

    /// <summary>MRTD: the measurement of the TD's initial contents.</summary>
    public ReadOnlySpan<byte> MrTd => Field(MrTdOffset, MeasurementSize);

    /// <summary>The mr config ID.</summary>
    public ReadOnlySpan<byte> MrConfigId => Field(MrConfigIdOffset, MeasurementSize);

    /// <summary>The mr owner.</summary>
    public ReadOnlySpan<byte> MrOwner => Field(MrOwnerOffset, MeasurementSize);

    /// <summary>The mr owner config.</summary>
    public ReadOnlySpan<byte> MrOwnerConfig => Field(MrOwnerConfigOffset, MeasurementSize);

    /// <summary>REPORTDATA: the 64 bytes the enclave bound into its report (typically a hash of a key or nonce).</summary>
    public ReadOnlySpan<byte> ReportData => Field(ReportDataOffset, 64);

    /// <summary>TD 1.5 only; empty for TD 1.0.</summary>
    public ReadOnlySpan<byte> TeeTcbSvn2 => IsTd15 ? Field(TeeTcbSvn2Offset, 16) : default;

    /// <summary>TD 1.5 only; empty for TD 1.0.</summary>
    public ReadOnlySpan<byte> MrServiceTd => IsTd15 ? Field(MrServiceTdOffset, MeasurementSize) : default;

    /// <summary>Runtime measurement register RTMR<paramref name="index"/> (0..3).</summary>
    public ReadOnlySpan<byte> RtMr(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, RtMrCount);
        return Field(RtMrOffset + (index * MeasurementSize), MeasurementSize);
    }

    /// <summary>The structure's bytes, in the layout Intel defines.</summary>
    public byte[] ToArray() => _bytes.ToArray();

    private ReadOnlySpan<byte> Field(int offset, int length) => _bytes.Span.Slice(offset, length);
}
