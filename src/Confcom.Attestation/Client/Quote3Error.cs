namespace Confcom.Attestation.Client;

/// <summary>
/// The <c>quote3_error_t</c> values (<c>0xE000 | n</c>, DCAP <c>sgx_ql_lib_common.h</c>) that DCAP's quote library
/// (<c>sgx_qe_get_target_info</c>, <c>sgx_qe_get_quote_size</c>, <c>sgx_qe_get_quote</c>) returns to an app.
/// Only the codes its out-of-process mapping can produce are listed.
/// </summary>
public enum Quote3Error : uint
{
    /// <summary><c>SGX_QL_SUCCESS</c>.</summary>
    Success = 0x0000,

    /// <summary><c>SGX_QL_ERROR_UNEXPECTED</c>.</summary>
    Unexpected = 0xE001,

    /// <summary><c>SGX_QL_ERROR_INVALID_PARAMETER</c>.</summary>
    InvalidParameter = 0xE002,

    /// <summary><c>SGX_QL_ERROR_OUT_OF_MEMORY</c>.</summary>
    OutOfMemory = 0xE003,

    /// <summary><c>SGX_QL_UNSUPPORTED_ATT_KEY_ID</c>.</summary>
    UnsupportedAttKeyId = 0xE00B,

    /// <summary><c>SGX_QL_ATT_KEY_NOT_INITIALIZED</c>.</summary>
    AttKeyNotInitialized = 0xE00F,

    /// <summary><c>SGX_QL_ATT_KEY_CERT_DATA_INVALID</c>.</summary>
    AttKeyCertDataInvalid = 0xE010,

    /// <summary><c>SGX_QL_NO_PLATFORM_CERT_DATA</c>.</summary>
    NoPlatformCertData = 0xE011,

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
