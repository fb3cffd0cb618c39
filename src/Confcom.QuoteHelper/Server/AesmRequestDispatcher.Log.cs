using Confcom.Aesm.Protocol;
using Confcom.Aesm.Quoting;
using Microsoft.Extensions.Logging;

namespace Confcom.QuoteHelper.Server;

internal sealed partial class AesmRequestDispatcher
{
    [LoggerMessage(EventId = 2010, Level = LogLevel.Warning,
        Message = "AESM {Kind} request answered with error {Code} ({Error}) by backend {Backend}: {Detail}")]
    private partial void LogRequestFailed(AesmRequestKind kind, uint code, AesmError error, string backend, string detail, Exception? exception);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Error,
        Message = "Backend {Backend} failed unexpectedly on an AESM {Kind} request; the client got AESM_UNEXPECTED_ERROR (1). The service keeps running; if this repeats, restart the quote helper and report the stack trace")]
    private partial void LogBackendCrashed(Exception exception, AesmRequestKind kind, string backend);
}
