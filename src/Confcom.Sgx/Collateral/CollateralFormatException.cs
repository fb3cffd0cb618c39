namespace Confcom.Sgx.Collateral;

/// <summary>
/// Collateral JSON (TCB Info, QE Identity) that is not in Intel's format: <see cref="Path"/> names the node, e.g.
/// <c>tcbLevels[0].tcb.pcesvn</c> (empty for the document itself), so a wrong field can be found in the file.
/// </summary>
public sealed class CollateralFormatException : FormatException
{
    /// <summary>Creates a collateral format exception.</summary>
    public CollateralFormatException(string document, string path, string detail)
        : base(path.Length == 0 ? $"{document}: {detail}" : $"{document}: {path} {detail}")
    {
        Document = document;
        Path = path;
    }

    /// <summary>Which document, e.g. <c>TCB Info</c>.</summary>
    public string Document { get; }

    /// <summary>JSON path of the offending node inside the document ("" for the whole document).</summary>
    public string Path { get; }
}
