namespace Confcom.Sgx.Quotes;

/// <summary>
/// A quote file holds neither a binary quote, hex text nor base64. The offset is the byte position in the file.
/// </summary>
public sealed class QuoteInputFormatException : SgxFormatException
{
    /// <summary>Creates a quote input format exception.</summary>
    public QuoteInputFormatException(string source, int offset, string detail)
        : base($"quote file '{source}'", "(encoding)", offset, detail)
    {
        Source = source;
    }

    /// <summary>The source.</summary>
    public new string Source { get; }
}
