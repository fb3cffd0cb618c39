namespace Confcom.Aesm.Quoting;

/// <summary>
/// <c>quote3_error_t</c> values returned by Intel's quote library (DCAP
/// <c>QuoteGeneration/quote_wrapper/common/inc/sgx_ql_lib_common.h</c>, <c>SGX_QL_MK_ERROR(n)</c> = 0xE000 | n):
/// what the hardware backend gets from <c>libsgx_dcap_ql</c>, and what an app's <c>sgx_qe_*</c> calls return
/// (the quote client reports it beside <c>sgx_status_t</c>), and what Intel's QvE/QVL returns from
/// <c>sgx_qv_verify_quote</c> (the verifier reports it beside the <c>sgx_ql_qv_result_t</c>, 0xE01B and up). One
/// table for all, so a code has one name.
/// </summary>
public enum Quote3Error : uint
{
    /// <summary>Success.</summary>
    Success = 0x0000,
    /// <summary>Unexpected.</summary>
    Unexpected = 0xE001,
    /// <summary>Invalid parameter.</summary>
    InvalidParameter = 0xE002,
    /// <summary>Out of memory.</summary>
    OutOfMemory = 0xE003,
    /// <summary>ECDSA ID mismatch.</summary>
    EcdsaIdMismatch = 0xE004,
    /// <summary>Pathname buffer overflow.</summary>
    PathnameBufferOverflow = 0xE005,
    /// <summary>File access error.</summary>
    FileAccessError = 0xE006,
    /// <summary>Stored key.</summary>
    StoredKey = 0xE007,
    /// <summary>Pub key ID mismatch.</summary>
    PubKeyIdMismatch = 0xE008,
    /// <summary>Invalid PCE sig scheme.</summary>
    InvalidPceSigScheme = 0xE009,
    /// <summary>Att key blob error.</summary>
    AttKeyBlobError = 0xE00A,
    /// <summary>Unsupported att key ID.</summary>
    UnsupportedAttKeyId = 0xE00B,
    /// <summary>Unsupported loading policy.</summary>
    UnsupportedLoadingPolicy = 0xE00C,
    /// <summary>Interface unavailable.</summary>
    InterfaceUnavailable = 0xE00D,
    /// <summary>Platform lib unavailable.</summary>
    PlatformLibUnavailable = 0xE00E,
    /// <summary>Att key not initialized.</summary>
    AttKeyNotInitialized = 0xE00F,
    /// <summary>Att key cert data invalid.</summary>
    AttKeyCertDataInvalid = 0xE010,
    /// <summary>No platform cert data.</summary>
    NoPlatformCertData = 0xE011,
    /// <summary>Out of EPC.</summary>
    OutOfEpc = 0xE012,
    /// <summary>Error report.</summary>
    ErrorReport = 0xE013,
    /// <summary>Enclave lost.</summary>
    EnclaveLost = 0xE014,
    /// <summary>Invalid report.</summary>
    InvalidReport = 0xE015,
    /// <summary>Enclave load error.</summary>
    EnclaveLoadError = 0xE016,
    /// <summary>Unable to generate QE report.</summary>
    UnableToGenerateQeReport = 0xE017,
    /// <summary>Key certification error.</summary>
    KeyCertificationError = 0xE018,
    /// <summary>Network error.</summary>
    NetworkError = 0xE019,
    /// <summary><c>SGX_QL_MSG_ERROR</c>.</summary>
    MessageError = 0xE01A,

    /// <summary><c>SGX_QL_NO_QUOTE_COLLATERAL_DATA</c>.</summary>
    NoQuoteCollateralData = 0xE01B,

    /// <summary><c>SGX_QL_QUOTE_CERTIFICATION_DATA_UNSUPPORTED</c>: the quote does not carry a PCK chain (type 5).</summary>
    QuoteCertificationDataUnsupported = 0xE01C,

    /// <summary><c>SGX_QL_QUOTE_FORMAT_UNSUPPORTED</c>.</summary>
    QuoteFormatUnsupported = 0xE01D,

    /// <summary><c>SGX_QL_UNABLE_TO_GENERATE_REPORT</c>.</summary>
    UnableToGenerateReport = 0xE01E,

    /// <summary><c>SGX_QL_QE_REPORT_INVALID_SIGNATURE</c>.</summary>
    QeReportInvalidSignature = 0xE01F,

    /// <summary><c>SGX_QL_QE_REPORT_UNSUPPORTED_FORMAT</c>.</summary>
    QeReportUnsupportedFormat = 0xE020,

    /// <summary><c>SGX_QL_PCK_CERT_UNSUPPORTED_FORMAT</c>.</summary>
    PckCertUnsupportedFormat = 0xE021,

    /// <summary><c>SGX_QL_PCK_CERT_CHAIN_ERROR</c>.</summary>
    PckCertChainError = 0xE022,

    /// <summary><c>SGX_QL_TCBINFO_UNSUPPORTED_FORMAT</c>.</summary>
    TcbInfoUnsupportedFormat = 0xE023,

    /// <summary><c>SGX_QL_TCBINFO_MISMATCH</c>.</summary>
    TcbInfoMismatch = 0xE024,

    /// <summary><c>SGX_QL_QEIDENTITY_UNSUPPORTED_FORMAT</c>.</summary>
    QeIdentityUnsupportedFormat = 0xE025,

    /// <summary><c>SGX_QL_QEIDENTITY_MISMATCH</c>.</summary>
    QeIdentityMismatch = 0xE026,

    /// <summary><c>SGX_QL_PCK_REVOKED</c>: the PCK certificate, an intermediate or the TCB Signing certificate is revoked.</summary>
    PckRevoked = 0xE031,

    /// <summary><c>SGX_QL_TCB_REVOKED</c>: the platform's (or the QE's) TCB level is Revoked.</summary>
    TcbRevoked = 0xE032,

    /// <summary><c>SGX_QL_CRL_UNSUPPORTED_FORMAT</c>.</summary>
    CrlUnsupportedFormat = 0xE038,

    /// <summary><c>SGX_QL_QEIDENTITY_CHAIN_ERROR</c>.</summary>
    QeIdentityChainError = 0xE039,

    /// <summary><c>SGX_QL_TCBINFO_CHAIN_ERROR</c>.</summary>
    TcbInfoChainError = 0xE03A,

    /// <summary><c>SGX_QL_NO_DEVICE</c>.</summary>
    NoDevice = 0xE03F,

    /// <summary><c>SGX_QL_SERVICE_UNAVAILABLE</c>.</summary>
    ServiceUnavailable = 0xE040,

    /// <summary><c>SGX_QL_NETWORK_FAILURE</c>.</summary>
    NetworkFailure = 0xE041,

    /// <summary><c>SGX_QL_SERVICE_TIMEOUT</c>.</summary>
    ServiceTimeout = 0xE042,

    /// <summary><c>SGX_QL_ERROR_BUSY</c>.</summary>
    Busy = 0xE043,

    /// <summary><c>SGX_QL_TDX_MODULE_MISMATCH</c>.</summary>
    TdxModuleMismatch = 0xE060,

    /// <summary><c>SGX_QL_TCB_NOT_SUPPORTED</c>: the platform's TCB is below every level of the TCB Info.</summary>
    TcbNotSupported = 0xE066,
}
