namespace Confcom.Sgx.Quotes;

/// <summary>
/// A byte sequence is not a DCAP quote the codec can read. <see cref="SgxFormatException.Field"/> and
/// <see cref="SgxFormatException.Offset"/> (absolute, from the first quote byte) say where it went wrong.
/// </summary>
public sealed class QuoteFormatException : SgxFormatException
{
    /// <summary>The structure name.</summary>
    public const string StructureName = "DCAP quote";

    /// <summary>Creates a quote format exception.</summary>
    public QuoteFormatException(string field, int offset, string detail)
        : base(StructureName, field, offset, detail)
    {
    }
}
