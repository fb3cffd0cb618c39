namespace Confcom.Aesm.Quoting;

/// <summary>The quote_ex call that failed; Intel refines AESM error codes differently per call.</summary>
public enum QuoteOperation
{
    /// <summary><c>sgx_init_quote_ex</c> (what <c>GetTargetInfoAsync</c> does).</summary>
    InitQuote,

    /// <summary><c>sgx_get_quote_size_ex</c>.</summary>
    GetQuoteSize,

    /// <summary><c>sgx_get_quote_ex</c>.</summary>
    GetQuote,
}
