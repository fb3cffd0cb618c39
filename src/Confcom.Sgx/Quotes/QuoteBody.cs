using Confcom.Sgx.Structures;

namespace Confcom.Sgx.Quotes;

/// <summary>
/// The report a quote carries: an SGX <see cref="SgxReportBody"/> or a TDX <see cref="TdReportBody"/>. Exactly one
/// of <see cref="Sgx"/> and <see cref="Td"/> is set. Both body types convert implicitly, so callers can pass either.
/// </summary>
public sealed class QuoteBody
{
    private QuoteBody(SgxReportBody? sgx, TdReportBody? td)
    {
        Sgx = sgx;
        Td = td;
    }

    /// <summary>The SGX.</summary>
    public SgxReportBody? Sgx { get; }

    /// <summary>The TD.</summary>
    public TdReportBody? Td { get; }

    /// <summary>The type.</summary>
    public QuoteBodyType Type => Td?.BodyType ?? QuoteBodyType.SgxReport;

    /// <summary>The size in bytes.</summary>
    public int Size => Td?.Bytes.Length ?? SgxReportBody.Size;

    /// <summary>The raw bytes.</summary>
    public ReadOnlySpan<byte> Bytes => Td is not null ? Td.Bytes : Sgx!.Bytes;

    /// <summary>Reads a quote body from its bytes.</summary>
    public static QuoteBody From(SgxReportBody body) => new(body ?? throw new ArgumentNullException(nameof(body)), null);

    /// <summary>Reads a quote body from its bytes.</summary>
    public static QuoteBody From(TdReportBody body) => new(null, body ?? throw new ArgumentNullException(nameof(body)));

    /// <summary>Converts to quote body.</summary>
    public static implicit operator QuoteBody(SgxReportBody body) => From(body);

    /// <summary>Converts to quote body.</summary>
    public static implicit operator QuoteBody(TdReportBody body) => From(body);

    /// <summary>Body size for a body type; used by the parser to check v5 descriptors.</summary>
    public static int SizeOf(QuoteBodyType type) => type switch
    {
        QuoteBodyType.SgxReport => QuoteConstants.SgxBodySize,
        QuoteBodyType.TdReport10 => QuoteConstants.TdReport10BodySize,
        QuoteBodyType.TdReport15 => QuoteConstants.TdReport15BodySize,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown quote body type"),
    };
}
