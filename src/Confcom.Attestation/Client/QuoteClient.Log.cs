using Confcom.Aesm.Quoting;
using Microsoft.Extensions.Logging;

namespace Confcom.Attestation.Client;

public sealed partial class QuoteClient
{
    [LoggerMessage(EventId = 3500, Level = LogLevel.Debug, Message = "Quoting {Mode} via {Endpoint}")]
    private partial void LogModeSelected(QuotingMode mode, string endpoint);

    [LoggerMessage(EventId = 3501, Level = LogLevel.Debug, Message = "Got a {Length}-byte quote from {Endpoint}")]
    private partial void LogQuoteObtained(int length, string endpoint);

    [LoggerMessage(EventId = 3502, Level = LogLevel.Warning,
        Message = "{Operation} via {Endpoint} failed with sgx_status_t 0x{SgxStatus:X4} / quote3_error_t 0x{Quote3Error:X4}; the exception says what to check")]
    private partial void LogQuoteFailed(Exception exception, string operation, string endpoint, uint sgxStatus, uint quote3Error);
}
