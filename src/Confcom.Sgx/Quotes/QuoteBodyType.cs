namespace Confcom.Sgx.Quotes;

/// <summary>Kind of report a quote carries; the numbers are the v5 body descriptor's <c>body_type</c>.</summary>
public enum QuoteBodyType : ushort
{
    SgxReport = 1,
    TdReport10 = 2,
    TdReport15 = 3,
}
