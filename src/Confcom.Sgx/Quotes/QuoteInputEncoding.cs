namespace Confcom.Sgx.Quotes;

/// <summary>How a quote file was written.</summary>
public enum QuoteInputEncoding
{
    /// <summary>Binary.</summary>
    Binary,
    /// <summary>Hex.</summary>
    Hex,
    /// <summary>Base64.</summary>
    Base64,
}
