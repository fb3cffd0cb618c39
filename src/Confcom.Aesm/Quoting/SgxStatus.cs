namespace Confcom.Aesm.Quoting;

/// <summary>
/// The <c>sgx_status_t</c> values Intel's <c>libsgx_quote_ex</c> returns from the quote_ex calls (LSGX
/// <c>common/inc/sgx_error.h</c>). Only the codes its AESM error mapping can produce are listed.
/// </summary>
public enum SgxStatus : uint
{
    /// <summary><c>SGX_SUCCESS</c>.</summary>
    Success = 0x0000,

    /// <summary><c>SGX_ERROR_UNEXPECTED</c>: closed connection, malformed reply, or an AESM error with no specific mapping.</summary>
    Unexpected = 0x0001,

    /// <summary><c>SGX_ERROR_INVALID_PARAMETER</c>.</summary>
    InvalidParameter = 0x0002,

    /// <summary><c>SGX_ERROR_OUT_OF_MEMORY</c>.</summary>
    OutOfMemory = 0x0003,

    /// <summary><c>SGX_ERROR_OUT_OF_EPC</c>: not enough EPC to load the quoting enclaves.</summary>
    OutOfEpc = 0x2005,

    /// <summary><c>SGX_ERROR_NO_DEVICE</c>: the quote helper cannot open the SGX device.</summary>
    NoDevice = 0x2006,

    /// <summary><c>SGX_ERROR_MAC_MISMATCH</c>: the QE rejected the app's REPORT (not targeted at it, or corrupted).</summary>
    MacMismatch = 0x3001,

    /// <summary><c>SGX_ERROR_SERVICE_UNAVAILABLE</c>: no AESM listening, or its quoting enclaves cannot run.</summary>
    ServiceUnavailable = 0x4001,

    /// <summary><c>SGX_ERROR_SERVICE_TIMEOUT</c>: AESM did not answer within the per-read deadline.</summary>
    ServiceTimeout = 0x4002,

    /// <summary><c>SGX_ERROR_AE_INVALID_EPIDBLOB</c> (EPID, deprecated).</summary>
    AeInvalidEpidBlob = 0x4003,

    /// <summary><c>SGX_ERROR_EPID_MEMBER_REVOKED</c> (EPID, deprecated).</summary>
    EpidMemberRevoked = 0x4005,

    /// <summary><c>SGX_ERROR_UPDATE_NEEDED</c>.</summary>
    UpdateNeeded = 0x4006,

    /// <summary><c>SGX_ERROR_NETWORK_FAILURE</c>: AESM could not reach its provisioning/caching service.</summary>
    NetworkFailure = 0x4007,

    /// <summary><c>SGX_ERROR_BUSY</c>.</summary>
    Busy = 0x400A,

    /// <summary><c>SGX_ERROR_UNRECOGNIZED_PLATFORM</c>.</summary>
    UnrecognizedPlatform = 0x4012,

    /// <summary><c>SGX_ERROR_UNSUPPORTED_ATT_KEY_ID</c>: the QE3 (ECDSA) attestation key is not offered by this AESM.</summary>
    UnsupportedAttKeyId = 0x8001,

    /// <summary><c>SGX_ERROR_ATT_KEY_CERTIFICATION_FAILURE</c>.</summary>
    AttKeyCertificationFailure = 0x8002,

    /// <summary><c>SGX_ERROR_ATT_KEY_UNINITIALIZED</c>: call <c>GetTargetInfoAsync</c> again to (re)create the key.</summary>
    AttKeyUninitialized = 0x8003,

    /// <summary><c>SGX_ERROR_PLATFORM_CERT_UNAVAILABLE</c>: no PCK certificate for this platform.</summary>
    PlatformCertUnavailable = 0x8005,
}
