namespace Confcom.Sgx;

/// <summary>
/// Raised when bytes that claim to be an SGX or DCAP structure do not have its shape. The message names the
/// structure, the field and the offset so that an operator can tell a truncated upload from a wrong file.
/// </summary>
public class SgxFormatException : FormatException
{
    /// <summary>Creates a SGX format exception.</summary>
    public SgxFormatException(string structure, string field, int offset, string detail)
        : base($"{structure}: field '{field}' at offset {offset}: {detail}")
    {
        Structure = structure;
        Field = field;
        Offset = offset;
    }

    /// <summary>The structure.</summary>
    public string Structure { get; }

    /// <summary>The field.</summary>
    public string Field { get; }

    /// <summary>The offset.</summary>
    public int Offset { get; }

    internal static void ThrowIfWrongLength(string structure, ReadOnlySpan<byte> bytes, int expected)
    {
        if (bytes.Length != expected)
        {
            throw new SgxFormatException(structure, "(whole structure)", 0, $"expected {expected} bytes, found {bytes.Length}");
        }
    }
}
