namespace Confcom.Aesm.Quoting;

/// <summary><c>aesm_error_t</c> (LSGX <c>psw/ae/inc/internal/aesm_error.h</c>); the numbers are the wire values.</summary>
public enum AesmError : uint
{
    /// <summary>Success.</summary>
    Success = 0,
    /// <summary>Unexpected error.</summary>
    UnexpectedError = 1,
    /// <summary>No device error.</summary>
    NoDeviceError = 2,
    /// <summary>Parameter error.</summary>
    ParameterError = 3,
    /// <summary>EPID blob error.</summary>
    EpidBlobError = 4,
    /// <summary>EPID revoked error.</summary>
    EpidRevokedError = 5,
    /// <summary>Get license token error.</summary>
    GetLicenseTokenError = 6,
    /// <summary>Session invalid.</summary>
    SessionInvalid = 7,
    /// <summary>Max num session reached.</summary>
    MaxNumSessionReached = 8,
    /// <summary>PSDA unavailable.</summary>
    PsdaUnavailable = 9,
    /// <summary>Eph session failed.</summary>
    EphSessionFailed = 10,
    /// <summary>Long term pairing failed.</summary>
    LongTermPairingFailed = 11,
    /// <summary>Network error.</summary>
    NetworkError = 12,
    /// <summary>Network busy error.</summary>
    NetworkBusyError = 13,
    /// <summary>Proxy setting assist.</summary>
    ProxySettingAssist = 14,
    /// <summary>File access error.</summary>
    FileAccessError = 15,
    /// <summary>SGX provision failed.</summary>
    SgxProvisionFailed = 16,
    /// <summary>Service stopped.</summary>
    ServiceStopped = 17,
    /// <summary>Busy.</summary>
    Busy = 18,
    /// <summary>Backend server busy.</summary>
    BackendServerBusy = 19,
    /// <summary>Update available.</summary>
    UpdateAvailable = 20,
    /// <summary>Out of memory error.</summary>
    OutOfMemoryError = 21,
    /// <summary>Msg error.</summary>
    MsgError = 22,
    /// <summary>Thread error.</summary>
    ThreadError = 23,
    /// <summary>SGX device not available.</summary>
    SgxDeviceNotAvailable = 24,
    /// <summary>Enable SGX device failed.</summary>
    EnableSgxDeviceFailed = 25,
    /// <summary>Platform info blob invalid sig.</summary>
    PlatformInfoBlobInvalidSig = 26,
    /// <summary>KDF mismatch.</summary>
    KdfMismatch = 28,
    /// <summary>Out of EPC.</summary>
    OutOfEpc = 29,
    /// <summary>Service unavailable.</summary>
    ServiceUnavailable = 30,
    /// <summary>Unrecognized platform.</summary>
    UnrecognizedPlatform = 31,
    /// <summary>ECDSA ID mismatch.</summary>
    EcdsaIdMismatch = 32,
    /// <summary>Pathname buffer overflow error.</summary>
    PathnameBufferOverflowError = 33,
    /// <summary>Error stored key.</summary>
    ErrorStoredKey = 34,
    /// <summary>Pub key ID mismatch.</summary>
    PubKeyIdMismatch = 35,
    /// <summary>Invalid PCE sig scheme.</summary>
    InvalidPceSigScheme = 36,
    /// <summary>Att key blob error.</summary>
    AttKeyBlobError = 37,
    /// <summary>Unsupported att key ID.</summary>
    UnsupportedAttKeyId = 38,
    /// <summary>Unsupported loading policy.</summary>
    UnsupportedLoadingPolicy = 39,
    /// <summary>Interface unavailable.</summary>
    InterfaceUnavailable = 40,
    /// <summary>Platform lib unavailable.</summary>
    PlatformLibUnavailable = 41,
    /// <summary>Att key not initialized.</summary>
    AttKeyNotInitialized = 42,
    /// <summary>Att key cert data invalid.</summary>
    AttKeyCertDataInvalid = 43,
    /// <summary>No platform cert data.</summary>
    NoPlatformCertData = 44,
    /// <summary>Error report.</summary>
    ErrorReport = 45,
    /// <summary>Enclave lost.</summary>
    EnclaveLost = 46,
    /// <summary>Invalid report.</summary>
    InvalidReport = 47,
    /// <summary>Enclave load error.</summary>
    EnclaveLoadError = 48,
    /// <summary>Unable to generate QE report.</summary>
    UnableToGenerateQeReport = 49,
    /// <summary>Key certification error.</summary>
    KeyCertificationError = 50,
    /// <summary>Config unsupported.</summary>
    ConfigUnsupported = 51,
}
