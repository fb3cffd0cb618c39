using Microsoft.Extensions.Logging;

namespace Confcom.Webhook.Admission;

internal sealed partial class AdmissionReviewHandler
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Information,
        Message = "Wired pod {Namespace}/{Pod} to the quote helper (containers: {Containers}): SGX_AESM_ADDR=1 and the aesmd socket directory mounted read-only")]
    private static partial void LogWired(ILogger logger, string? @namespace, string pod, string containers);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Debug, Message = "Pod {Namespace}/{Pod} left unchanged: {Reason}")]
    private static partial void LogUnchanged(ILogger logger, string? @namespace, string pod, string reason);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning,
        Message = "Admission request {Uid} for {Namespace}/{Name} allowed without wiring: {Reason}; the user was shown a warning")]
    private static partial void LogUnwired(ILogger logger, string uid, string? @namespace, string? name, string reason);
}
