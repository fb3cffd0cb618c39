namespace Confcom.Sgx.Pck;

/// <summary>
/// The SGX extension of a PCK certificate is missing, incomplete or not valid DER. <see cref="Oid"/> names the
/// item (e.g. <c>1.2.840.113741.1.13.1.4</c> for FMSPC); the offset is within the extension value's DER.
/// </summary>
public sealed class PckExtensionFormatException : SgxFormatException
{
    /// <summary>The structure name.</summary>
    public const string StructureName = "PCK certificate SGX extension";

    /// <summary>Creates a PCK extension format exception.</summary>
    public PckExtensionFormatException(string item, string oid, int offset, string detail)
        : base(StructureName, $"{item} ({oid})", offset, detail)
    {
        Oid = oid;
    }

    /// <summary>The OID.</summary>
    public string Oid { get; }
}
