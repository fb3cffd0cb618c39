using Confcom.Aesm.Quoting;

namespace Confcom.Aesm.Dcap;

/// <summary>
/// <c>quote3_error_t</c> → <c>aesm_error_t</c>, as aesmd's ECDSA bundle does it (LSGX
/// <c>bundles/ecdsa_quote_service_bundle/ecdsa_quote_service_bundle.cpp</c>, <c>quote3_error_to_aesm_error</c>):
/// one-to-one by name for the quote-generation errors, everything else (including NETWORK_ERROR) is
/// AESM_UNEXPECTED_ERROR.
/// </summary>
internal static class Quote3ErrorMapping
{
    public static AesmError ToAesmError(uint quote3Error) => (Quote3Error)quote3Error switch
    {
        Quote3Error.Success => AesmError.Success,
        Quote3Error.Unexpected => AesmError.UnexpectedError,
        Quote3Error.InvalidParameter => AesmError.ParameterError,
        Quote3Error.OutOfMemory => AesmError.OutOfMemoryError,
        Quote3Error.EcdsaIdMismatch => AesmError.EcdsaIdMismatch,
        Quote3Error.PathnameBufferOverflow => AesmError.PathnameBufferOverflowError,
        Quote3Error.FileAccessError => AesmError.FileAccessError,
        Quote3Error.StoredKey => AesmError.ErrorStoredKey,
        Quote3Error.PubKeyIdMismatch => AesmError.PubKeyIdMismatch,
        Quote3Error.InvalidPceSigScheme => AesmError.InvalidPceSigScheme,
        Quote3Error.AttKeyBlobError => AesmError.AttKeyBlobError,
        Quote3Error.UnsupportedAttKeyId => AesmError.UnsupportedAttKeyId,
        Quote3Error.UnsupportedLoadingPolicy => AesmError.UnsupportedLoadingPolicy,
        Quote3Error.InterfaceUnavailable => AesmError.InterfaceUnavailable,
        Quote3Error.PlatformLibUnavailable => AesmError.PlatformLibUnavailable,
        Quote3Error.AttKeyNotInitialized => AesmError.AttKeyNotInitialized,
        Quote3Error.AttKeyCertDataInvalid => AesmError.AttKeyCertDataInvalid,
        Quote3Error.NoPlatformCertData => AesmError.NoPlatformCertData,
        Quote3Error.OutOfEpc => AesmError.OutOfEpc,
        Quote3Error.ErrorReport => AesmError.ErrorReport,
        Quote3Error.EnclaveLost => AesmError.EnclaveLost,
        Quote3Error.InvalidReport => AesmError.InvalidReport,
        Quote3Error.EnclaveLoadError => AesmError.EnclaveLoadError,
        Quote3Error.UnableToGenerateQeReport => AesmError.UnableToGenerateQeReport,
        Quote3Error.KeyCertificationError => AesmError.KeyCertificationError,
        _ => AesmError.UnexpectedError,
    };
}
