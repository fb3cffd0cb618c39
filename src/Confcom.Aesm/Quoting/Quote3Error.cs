namespace Confcom.Aesm.Quoting;

/// <summary>
/// <c>quote3_error_t</c> values returned by Intel's quote library (DCAP
/// <c>QuoteGeneration/quote_wrapper/common/inc/sgx_ql_lib_common.h</c>, <c>SGX_QL_MK_ERROR(n)</c> = 0xE000 | n):
/// what the hardware backend gets from <c>libsgx_dcap_ql</c>, and what an app's <c>sgx_qe_*</c> calls return
/// (the quote client reports it beside <c>sgx_status_t</c>). One table for both, so a code has one name.
/// </summary>
public enum Quote3Error : uint
{
    Success = 0x0000,
    Unexpected = 0xE001,
    InvalidParameter = 0xE002,
    OutOfMemory = 0xE003,
    EcdsaIdMismatch = 0xE004,
    PathnameBufferOverflow = 0xE005,
    FileAccessError = 0xE006,
    StoredKey = 0xE007,
    PubKeyIdMismatch = 0xE008,
    InvalidPceSigScheme = 0xE009,
    AttKeyBlobError = 0xE00A,
    UnsupportedAttKeyId = 0xE00B,
    UnsupportedLoadingPolicy = 0xE00C,
    InterfaceUnavailable = 0xE00D,
    PlatformLibUnavailable = 0xE00E,
    AttKeyNotInitialized = 0xE00F,
    AttKeyCertDataInvalid = 0xE010,
    NoPlatformCertData = 0xE011,
    OutOfEpc = 0xE012,
    ErrorReport = 0xE013,
    EnclaveLost = 0xE014,
    InvalidReport = 0xE015,
    EnclaveLoadError = 0xE016,
    UnableToGenerateQeReport = 0xE017,
    KeyCertificationError = 0xE018,
    NetworkError = 0xE019,

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
}
