using Microsoft.Extensions.Logging;

namespace Microsoft.AspNetCore.Builder;

public static partial class WebhookEndpointRouteBuilderExtensions
{
    [LoggerMessage(EventId = 7004, Level = LogLevel.Warning,
        Message = "Refused a request to /mutate with {Status}: {Reason}. The API server never sends such a body; {Suppressed} similar refusals before this one were not logged (at most one a minute is)")]
    private static partial void LogRefused(ILogger logger, int status, string reason, long suppressed);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Error,
        Message = "Unexpected failure handling admission request {Uid}; the pod was allowed without wiring")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string uid);
}
