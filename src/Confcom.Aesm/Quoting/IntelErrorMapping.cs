namespace Confcom.Aesm.Quoting;

/// <summary>
/// The chain Intel's libraries apply to an AESM reply before an app sees it: <c>oal_map_result</c> plus the per-call
/// refinements in LSGX <c>psw/uae_service/sgx_uae_service.cpp</c>, then DCAP's <c>sgx_status_to_quote3_error</c>
/// (<c>sgx_dcap_ql_wrapper.cpp</c>). Kept table-for-table so an app ported from C sees the codes it already handles.
/// </summary>
public static class IntelErrorMapping
{
    /// <summary>The <c>sgx_status_t</c> Intel's <c>libsgx_quote_ex</c> returns for an AESM reply to <paramref name="operation"/>.</summary>
    public static SgxStatus ToSgxStatus(AesmError result, QuoteOperation operation)
    {
        var common = CommonResult(result);
        // Intel refines only what the common map turned into UNEXPECTED, and never a genuine UNEXPECTED_ERROR.
        if (common != SgxStatus.Unexpected || result == AesmError.UnexpectedError)
        {
            return common;
        }
        return operation switch
        {
            QuoteOperation.InitQuote => result switch
            {
                AesmError.UnsupportedAttKeyId => SgxStatus.UnsupportedAttKeyId,
                AesmError.KeyCertificationError => SgxStatus.AttKeyCertificationFailure,
                AesmError.NoPlatformCertData => SgxStatus.PlatformCertUnavailable,
                AesmError.EpidBlobError => SgxStatus.AeInvalidEpidBlob,
                AesmError.EpidRevokedError => SgxStatus.EpidMemberRevoked,
                AesmError.BackendServerBusy => SgxStatus.Busy,
                AesmError.OutOfEpc => SgxStatus.OutOfEpc,
                _ => SgxStatus.Unexpected,
            },
            QuoteOperation.GetQuoteSize => result switch
            {
                AesmError.AttKeyNotInitialized => SgxStatus.AttKeyUninitialized,
                AesmError.UnsupportedAttKeyId => SgxStatus.UnsupportedAttKeyId,
                _ => SgxStatus.Unexpected,
            },
            QuoteOperation.GetQuote => result switch
            {
                AesmError.AttKeyNotInitialized => SgxStatus.AttKeyUninitialized,
                AesmError.UnsupportedAttKeyId => SgxStatus.UnsupportedAttKeyId,
                AesmError.ErrorReport or AesmError.InvalidReport => SgxStatus.MacMismatch,
                AesmError.EpidBlobError => SgxStatus.AeInvalidEpidBlob,
                AesmError.EpidRevokedError => SgxStatus.EpidMemberRevoked,
                AesmError.BackendServerBusy => SgxStatus.Busy,
                AesmError.OutOfEpc => SgxStatus.OutOfEpc,
                _ => SgxStatus.Unexpected,
            },
            _ => SgxStatus.Unexpected,
        };
    }

    /// <summary>The <c>quote3_error_t</c> DCAP's quote library turns an <c>sgx_status_t</c> into.</summary>
    public static Quote3Error ToQuote3Error(SgxStatus status) => status switch
    {
        SgxStatus.Success => Quote3Error.Success,
        SgxStatus.Unexpected => Quote3Error.Unexpected,
        SgxStatus.InvalidParameter => Quote3Error.InvalidParameter,
        SgxStatus.OutOfMemory => Quote3Error.OutOfMemory,
        SgxStatus.NoDevice => Quote3Error.NoDevice,
        SgxStatus.ServiceUnavailable => Quote3Error.ServiceUnavailable,
        SgxStatus.NetworkFailure => Quote3Error.NetworkFailure,
        SgxStatus.ServiceTimeout => Quote3Error.ServiceTimeout,
        SgxStatus.Busy => Quote3Error.Busy,
        SgxStatus.UnsupportedAttKeyId => Quote3Error.UnsupportedAttKeyId,
        SgxStatus.AttKeyCertificationFailure => Quote3Error.AttKeyCertDataInvalid,
        SgxStatus.PlatformCertUnavailable => Quote3Error.NoPlatformCertData,
        SgxStatus.AttKeyUninitialized => Quote3Error.AttKeyNotInitialized,
        // DCAP folds everything else (OUT_OF_EPC, MAC_MISMATCH, UPDATE_NEEDED, ...) into UNEXPECTED.
        _ => Quote3Error.Unexpected,
    };

    private static SgxStatus CommonResult(AesmError result) => result switch
    {
        AesmError.Success => SgxStatus.Success,
        AesmError.UpdateAvailable => SgxStatus.UpdateNeeded,
        AesmError.UnexpectedError => SgxStatus.Unexpected,
        AesmError.ParameterError => SgxStatus.InvalidParameter,
        AesmError.ServiceStopped or AesmError.ServiceUnavailable or AesmError.EnclaveLoadError or AesmError.EnclaveLost
            => SgxStatus.ServiceUnavailable,
        AesmError.OutOfMemoryError => SgxStatus.OutOfMemory,
        AesmError.Busy => SgxStatus.Busy,
        AesmError.UnrecognizedPlatform => SgxStatus.UnrecognizedPlatform,
        AesmError.NetworkError or AesmError.NetworkBusyError or AesmError.ProxySettingAssist => SgxStatus.NetworkFailure,
        AesmError.NoDeviceError => SgxStatus.NoDevice,
        _ => SgxStatus.Unexpected,
    };
}
