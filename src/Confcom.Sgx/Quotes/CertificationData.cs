using System.Text;

namespace Confcom.Sgx.Quotes;

/// <summary>
/// A certification data block: <c>u16 type ‖ u32 size ‖ data</c>. The data is kept opaque except for the
/// PCK certificate chain convenience; the v4/v5 outer type-6 block is modelled by <see cref="QeReportCertificationData"/>.
/// </summary>
public sealed class CertificationData
{
    /// <summary>Creates a certification data.</summary>
    public CertificationData(CertificationDataType type, ReadOnlyMemory<byte> data)
    {
        Type = type;
        Data = data;
    }

    /// <summary>As read; values outside 1–6 are kept so a verifier can report them.</summary>
    public CertificationDataType Type { get; }

    /// <summary>The raw bytes.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>Bytes this block takes in a quote: type, size and data.</summary>
    public int EncodedLength => QuoteConstants.CertificationDataHeaderSize + Data.Length;

    /// <summary>
    /// For type 5, the PEM text (leaf, intermediate, root) without the terminating NUL(s) QE3 appends; otherwise null.
    /// </summary>
    public string? PckCertificateChainPem =>
        Type == CertificationDataType.PckCertificateChain
            ? Encoding.ASCII.GetString(Data.Span.TrimEnd((byte)0))
            : null;
}
