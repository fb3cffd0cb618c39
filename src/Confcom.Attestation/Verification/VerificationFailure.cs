using Confcom.Aesm.Quoting;

namespace Confcom.Attestation.Verification;

/// <summary>
/// Where a verification stopped: the check, Intel's <c>quote3_error_t</c> for it (what QvE's
/// <c>status_error_to_quote3_error</c> makes of QVL's status at that point) and a message naming what failed.
/// A value, not an exception: every step returns one or null.
/// </summary>
internal sealed record VerificationFailure(VerificationCheck Check, Quote3Error Error, string Message)
{
    /// <summary>A failure with the code QvE reports for <paramref name="check"/> in the common case.</summary>
    public static VerificationFailure Of(VerificationCheck check, string message) => new(check, DefaultError(check), message);

    /// <summary>
    /// QvE's code per check (DCAP <c>QuoteVerification/QvE/Enclave/qve.cpp</c>, <c>status_error_to_quote3_error</c>).
    /// QVL statuses with no case there (an invalid quote signature, wrong QE report data, CRL problems) come out
    /// as <c>SGX_QL_ERROR_UNEXPECTED</c>; sites with a more precise code (revocations) pass it explicitly.
    /// </summary>
    public static Quote3Error DefaultError(VerificationCheck check) => check switch
    {
        VerificationCheck.QuoteFormat => Quote3Error.QuoteFormatUnsupported,
        VerificationCheck.TrustedRoot or VerificationCheck.PckCertificateChain => Quote3Error.PckCertChainError,
        VerificationCheck.PckRevoked => Quote3Error.PckRevoked,
        VerificationCheck.TcbInfo => Quote3Error.TcbInfoChainError,
        VerificationCheck.QeIdentity => Quote3Error.QeIdentityChainError,
        VerificationCheck.PckCertificateExtension => Quote3Error.PckCertUnsupportedFormat,
        VerificationCheck.TcbInfoTeeType or VerificationCheck.Fmspc or VerificationCheck.PceId => Quote3Error.TcbInfoMismatch,
        VerificationCheck.TdxModule => Quote3Error.TdxModuleMismatch,
        VerificationCheck.QeReportSignature => Quote3Error.QeReportInvalidSignature,
        VerificationCheck.QeIdentityPolicy => Quote3Error.QeIdentityMismatch,
        VerificationCheck.QeTcbLevel or VerificationCheck.TcbLevel => Quote3Error.TcbNotSupported,
        _ => Quote3Error.Unexpected,
    };
}
