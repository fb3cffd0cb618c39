using Confcom.Aesm.Quoting;
using Confcom.Sgx.Quotes;
using Confcom.Sgx.Structures;

namespace Confcom.Attestation.Verification.Steps;

/// <summary>QVL 4.a: the quote header and certification data are a format QVL verifies (it costs nothing, so it runs first).</summary>
internal static class QuoteFormatStep
{
    public static VerificationFailure? Check(Quote quote)
    {
        var header = quote.Header;
        if (!QuoteConstants.SupportedVersions.Contains(header.Version))
        {
            return VerificationFailure.Of(VerificationCheck.QuoteFormat, $"quote version {header.Version} is not supported (3, 4, 5)");
        }
        if (header.AttestationKeyType != QuoteConstants.AttestationKeyTypeEcdsaP256)
        {
            return VerificationFailure.Of(VerificationCheck.QuoteFormat, $"attestation key type {header.AttestationKeyType} is not ECDSA-256-with-P-256 (2)");
        }
        if (header.TeeType is not (TeeType.Sgx or TeeType.Tdx))
        {
            return VerificationFailure.Of(VerificationCheck.QuoteFormat, $"TEE type 0x{(uint)header.TeeType:X} is neither SGX (0) nor TDX (0x81)");
        }
        if (header.Version == QuoteConstants.Version3 && header.TeeType != TeeType.Sgx)
        {
            return VerificationFailure.Of(VerificationCheck.QuoteFormat, "a v3 quote must be an SGX quote (TEE type 0)");
        }
        if ((header.TeeType == TeeType.Tdx) != (quote.Body.Td is not null))
        {
            return VerificationFailure.Of(VerificationCheck.QuoteFormat, $"TEE type {header.TeeType} does not match the {quote.Body.Type} body");
        }
        if (!header.QeVendorId.SequenceEqual(IntelQuotingEnclave.VendorId))
        {
            return VerificationFailure.Of(VerificationCheck.QuoteFormat, $"QE vendor id {Convert.ToHexString(header.QeVendorId)} is not Intel's");
        }
        // v4/v5: the parser already required the outer type 6; this is the nested block (QVL accepts 1-5).
        var certification = quote.Signature.CertificationData;
        if (certification.Type is < CertificationDataType.PpidCleartext or > CertificationDataType.PckCertificateChain)
        {
            return new VerificationFailure(VerificationCheck.QuoteFormat, Quote3Error.QuoteCertificationDataUnsupported,
                $"certification data type {(int)certification.Type} is not 1-5");
        }
        return null;
    }

    /// <summary>The PCK chain: the bundle's <c>pck_certificate_chain</c> if given, else the quote's (type 5).</summary>
    public static Checked<string> PckChain(Quote quote, string? fromCollateral)
    {
        if ((fromCollateral ?? quote.PckCertificateChainPem) is { } pem)
        {
            return pem;
        }
        return new VerificationFailure(VerificationCheck.QuoteFormat, Quote3Error.QuoteCertificationDataUnsupported,
            $"the quote carries certification data type {(int)quote.Signature.CertificationData.Type}, not a PCK certificate chain (type 5); " +
            "put the PCK chain into the collateral's pck_certificate_chain");
    }
}
