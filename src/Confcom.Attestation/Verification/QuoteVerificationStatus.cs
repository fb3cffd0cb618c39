namespace Confcom.Attestation.Verification;

/// <summary>
/// The verdict in Intel's <c>sgx_ql_qv_result_t</c> vocabulary (DCAP <c>QuoteVerification/QvE/Include/sgx_qve_header.h</c>),
/// with the same numeric codes so results can be compared with QvE/QVL output directly.
/// </summary>
public enum QuoteVerificationStatus
{
    /// <summary><c>SGX_QL_QV_RESULT_OK</c>: the platform and the QE are up to date.</summary>
    Ok = 0x0000,

    /// <summary><c>SGX_QL_QV_RESULT_CONFIG_NEEDED</c>: TCB up to date but the platform configuration needs changes.</summary>
    ConfigNeeded = 0xA001,

    /// <summary><c>SGX_QL_QV_RESULT_OUT_OF_DATE</c>: the platform TCB (or the QE) is out of date.</summary>
    OutOfDate = 0xA002,

    /// <summary><c>SGX_QL_QV_RESULT_OUT_OF_DATE_CONFIG_NEEDED</c>.</summary>
    OutOfDateConfigNeeded = 0xA003,

    /// <summary><c>SGX_QL_QV_RESULT_INVALID_SIGNATURE</c> (terminal).</summary>
    InvalidSignature = 0xA004,

    /// <summary><c>SGX_QL_QV_RESULT_REVOKED</c> (terminal).</summary>
    Revoked = 0xA005,

    /// <summary><c>SGX_QL_QV_RESULT_UNSPECIFIED</c>: any other terminal failure.</summary>
    Unspecified = 0xA006,

    /// <summary><c>SGX_QL_QV_RESULT_SW_HARDENING_NEEDED</c>.</summary>
    SwHardeningNeeded = 0xA007,

    /// <summary><c>SGX_QL_QV_RESULT_CONFIG_AND_SW_HARDENING_NEEDED</c>.</summary>
    ConfigAndSwHardeningNeeded = 0xA008,

    /// <summary><c>SGX_QL_QV_RESULT_TD_RELAUNCH_ADVISED</c> (TDX).</summary>
    TdRelaunchAdvised = 0xA009,

    /// <summary><c>SGX_QL_QV_RESULT_TD_RELAUNCH_ADVISED_CONFIG_NEEDED</c> (TDX).</summary>
    TdRelaunchAdvisedConfigNeeded = 0xA00A,
}
