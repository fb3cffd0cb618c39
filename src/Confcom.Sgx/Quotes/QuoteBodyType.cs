namespace Confcom.Sgx.Quotes;

/// <summary>Kind of report a quote carries; the numbers are the v5 body descriptor's <c>body_type</c>.</summary>
public enum QuoteBodyType : ushort
{
    /// <summary>Sgx report.</summary>
    SgxReport = 1,
    /// <summary>Td report10.</summary>
    TdReport10 = 2,
    /// <summary>Td report15.</summary>
    TdReport15 = 3,
}
