namespace Confcom.Sgx.Quotes;

/// <summary>How a quote file was written.</summary>
public enum QuoteInputEncoding
{
    Binary,
    Hex,
    Base64,
}
