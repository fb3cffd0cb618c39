using Confcom.Aesm.Quoting;

namespace Confcom.Attestation.Client;

/// <summary>
/// Messages for app developers: what failed, where, and what to check; then the Intel codes, so a log line can be
/// matched against Intel's documentation and issue trackers.
/// </summary>
internal static class QuoteErrorMessages
{
    public static string NotReachable(string socketPath) =>
        $"quote helper not reachable at {socketPath}: is the quote helper DaemonSet running and /var/run/aesmd mounted?";

    public static string TimedOut(string socketPath, QuoteOperation operation, TimeSpan timeout) =>
        $"quote helper at {socketPath} did not answer {Name(operation)} within {timeout.TotalSeconds:0.#} s: it may be " +
        "overloaded or stuck; check its log, then retry";

    public static string BrokenReply(string socketPath, QuoteOperation operation, string detail) =>
        $"quote helper at {socketPath} failed during {Name(operation)} ({detail}): is an AESM-compatible quote helper " +
        "listening on that socket? check its log";

    public static string FromAesm(string endpoint, QuoteOperation operation, AesmError error, SgxStatus status) =>
        $"{endpoint} refused {Name(operation)} with AESM_{ToUpperSnake(error)} ({(uint)error}): {Advice(status, error)}";

    public static string WithCodes(string message, SgxStatus status) =>
        $"{message} [sgx_status_t 0x{(uint)status:X4}, quote3_error_t 0x{(uint)IntelErrorMapping.ToQuote3Error(status):X4}]";

    public static string Name(QuoteOperation operation) => operation switch
    {
        QuoteOperation.InitQuote => "InitQuoteEx (get target info)",
        QuoteOperation.GetQuoteSize => "GetQuoteSizeEx",
        QuoteOperation.GetQuote => "GetQuoteEx",
        _ => operation.ToString(),
    };

    private static string Advice(SgxStatus status, AesmError error) => status switch
    {
        SgxStatus.InvalidParameter => "the request was rejected as malformed; the REPORT must be the 432-byte sgx_report_t made for the QE's target info",
        SgxStatus.ServiceUnavailable => "the quote helper cannot run its quoting enclaves; check its log and that it has the SGX devices",
        SgxStatus.OutOfMemory => "the quote helper ran out of memory; check its memory limit",
        SgxStatus.Busy => "the quote helper or its backend server is busy; retry later",
        SgxStatus.UnrecognizedPlatform => "the provisioning service does not recognise this platform",
        SgxStatus.NetworkFailure => "the quote helper could not reach its PCK certificate service (PCS/PCCS); check its network and proxy settings",
        SgxStatus.NoDevice => "the quote helper has no SGX device; check that /dev/sgx_enclave and /dev/sgx_provision are available to it",
        SgxStatus.UnsupportedAttKeyId => "the quote helper does not offer the ECDSA P-256 (QE3) attestation key; its ECDSA quoting support is missing",
        SgxStatus.AttKeyCertificationFailure => "the quote helper could not certify its attestation key with the PCE; check its log",
        SgxStatus.PlatformCertUnavailable => "there is no PCK certificate for this platform; register the platform with PCS or PCCS",
        SgxStatus.AttKeyUninitialized => "the attestation key is not initialised; call GetTargetInfoAsync again and make a new REPORT",
        SgxStatus.MacMismatch => "the quoting enclave rejected the REPORT; make it for the target info returned by GetTargetInfoAsync",
        SgxStatus.OutOfEpc => "not enough EPC to load the quoting enclaves; raise the quote helper's sgx_epc_mem_in_MiB or free EPC",
        SgxStatus.UpdateNeeded => "the platform software needs an update",
        SgxStatus.AeInvalidEpidBlob or SgxStatus.EpidMemberRevoked => "an EPID error; EPID attestation is not supported, use ECDSA (DCAP)",
        _ when error == AesmError.UnexpectedError => "an internal error in the quote helper; check its log",
        _ => "the quote helper reported an error the client cannot act on; check its log",
    };

    private static string ToUpperSnake(AesmError error)
    {
        // Intel's own spelling where splitting the C# name at capitals would differ.
        switch (error)
        {
            case AesmError.EpidBlobError:
                return "EPIDBLOB_ERROR";
            case AesmError.GetLicenseTokenError:
                return "GET_LICENSETOKEN_ERROR";
        }
        var name = error.ToString();
        var builder = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                builder.Append('_');
            }
            builder.Append(char.ToUpperInvariant(name[i]));
        }
        return builder.ToString();
    }
}
