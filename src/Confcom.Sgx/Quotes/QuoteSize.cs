namespace Confcom.Sgx.Quotes;

/// <summary>
/// Quote sizes from the variable parts, as <c>sgx_get_quote_size_ex</c> must report them before the quote exists.
/// </summary>
public static class QuoteSize
{
    /// <summary>
    /// v3 SGX quote: 1020 fixed bytes + authentication data + certification data (QE3's 32-byte auth data gives
    /// 1052 + the PEM chain including its NUL).
    /// </summary>
    public static int V3(int authenticationDataLength, int certificationDataLength) =>
        Compute(QuoteConstants.Version3, QuoteBodyType.SgxReport, authenticationDataLength, certificationDataLength);

    /// <summary>Any supported version and body type; v4/v5 add the 6-byte type-6 wrapper, v5 the body descriptor.</summary>
    public static int Compute(ushort version, QuoteBodyType bodyType, int authenticationDataLength, int certificationDataLength)
    {
        if (version is not (QuoteConstants.Version3 or QuoteConstants.Version4 or QuoteConstants.Version5))
        {
            throw new ArgumentOutOfRangeException(nameof(version), version, "quote versions are 3, 4 and 5");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(authenticationDataLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(authenticationDataLength, ushort.MaxValue);
        ArgumentOutOfRangeException.ThrowIfNegative(certificationDataLength);
        var fixedPart = QuoteConstants.HeaderSize
            + (version == QuoteConstants.Version5 ? QuoteConstants.BodyDescriptorSize : 0)
            + QuoteBody.SizeOf(bodyType)
            + QuoteConstants.SignatureDataLengthSize
            + QuoteConstants.EcdsaSignatureSize + QuoteConstants.EcdsaPublicKeySize
            + (version == QuoteConstants.Version3 ? 0 : QuoteConstants.CertificationDataHeaderSize)
            + QuoteConstants.SgxBodySize + QuoteConstants.EcdsaSignatureSize
            + QuoteConstants.AuthenticationDataLengthSize + QuoteConstants.CertificationDataHeaderSize;
        return checked(fixedPart + authenticationDataLength + certificationDataLength);
    }
}
