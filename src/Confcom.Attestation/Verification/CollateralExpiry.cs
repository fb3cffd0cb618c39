namespace Confcom.Attestation.Verification;

/// <summary>One dated piece of collateral (a certificate, a CRL, TCB Info, QE Identity) that is outside its validity window.</summary>
/// <param name="Item">What it is, e.g. <c>TCB Info (fmspc 00A067110000)</c> or <c>PCK CRL</c>.</param>
/// <param name="NotBefore">Start of validity (notBefore, thisUpdate, issueDate).</param>
/// <param name="NotAfter">End of validity (notAfter, nextUpdate).</param>
public sealed record CollateralExpiry(string Item, DateTimeOffset NotBefore, DateTimeOffset NotAfter)
{
    /// <summary>Whether the item is not valid yet at <paramref name="at"/>.</summary>
    public bool IsNotYetValid(DateTimeOffset at) => at < NotBefore;

    /// <summary>The item and its validity window, for reports.</summary>
    public override string ToString() => $"{Item} (valid {NotBefore:yyyy-MM-ddTHH:mm:ssZ} .. {NotAfter:yyyy-MM-ddTHH:mm:ssZ})";
}
