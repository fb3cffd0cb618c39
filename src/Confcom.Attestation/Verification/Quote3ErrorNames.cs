using Confcom.Aesm.Quoting;

namespace Confcom.Attestation.Verification;

/// <summary>Intel's names of the <c>quote3_error_t</c> codes a verification reports (DCAP <c>sgx_ql_lib_common.h</c>).</summary>
internal static class Quote3ErrorNames
{
    public static string IntelName(Quote3Error error) => error switch
    {
        Quote3Error.Success => "SGX_QL_SUCCESS",
        Quote3Error.Unexpected => "SGX_QL_ERROR_UNEXPECTED",
        Quote3Error.InvalidParameter => "SGX_QL_ERROR_INVALID_PARAMETER",
        Quote3Error.NoQuoteCollateralData => "SGX_QL_NO_QUOTE_COLLATERAL_DATA",
        Quote3Error.QuoteCertificationDataUnsupported => "SGX_QL_QUOTE_CERTIFICATION_DATA_UNSUPPORTED",
        Quote3Error.QuoteFormatUnsupported => "SGX_QL_QUOTE_FORMAT_UNSUPPORTED",
        Quote3Error.QeReportInvalidSignature => "SGX_QL_QE_REPORT_INVALID_SIGNATURE",
        Quote3Error.QeReportUnsupportedFormat => "SGX_QL_QE_REPORT_UNSUPPORTED_FORMAT",
        Quote3Error.PckCertUnsupportedFormat => "SGX_QL_PCK_CERT_UNSUPPORTED_FORMAT",
        Quote3Error.PckCertChainError => "SGX_QL_PCK_CERT_CHAIN_ERROR",
        Quote3Error.TcbInfoUnsupportedFormat => "SGX_QL_TCBINFO_UNSUPPORTED_FORMAT",
        Quote3Error.TcbInfoMismatch => "SGX_QL_TCBINFO_MISMATCH",
        Quote3Error.QeIdentityUnsupportedFormat => "SGX_QL_QEIDENTITY_UNSUPPORTED_FORMAT",
        Quote3Error.QeIdentityMismatch => "SGX_QL_QEIDENTITY_MISMATCH",
        Quote3Error.PckRevoked => "SGX_QL_PCK_REVOKED",
        Quote3Error.TcbRevoked => "SGX_QL_TCB_REVOKED",
        Quote3Error.CrlUnsupportedFormat => "SGX_QL_CRL_UNSUPPORTED_FORMAT",
        Quote3Error.QeIdentityChainError => "SGX_QL_QEIDENTITY_CHAIN_ERROR",
        Quote3Error.TcbInfoChainError => "SGX_QL_TCBINFO_CHAIN_ERROR",
        Quote3Error.TdxModuleMismatch => "SGX_QL_TDX_MODULE_MISMATCH",
        Quote3Error.TcbNotSupported => "SGX_QL_TCB_NOT_SUPPORTED",
        _ => $"0x{(uint)error:X4}",
    };
}
