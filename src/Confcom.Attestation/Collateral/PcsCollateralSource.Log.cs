using Microsoft.Extensions.Logging;

namespace Confcom.Attestation.Collateral;

public sealed partial class PcsCollateralSource
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Fetched collateral for {Request} from {Server}")]
    private static partial void LogFetched(ILogger logger, string request, Uri server);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning,
        Message = "Collateral request {Url} failed with HTTP {Status}; check the PCS/PCCS URL, API key, and that the FMSPC is registered")]
    private static partial void LogHttpFailure(ILogger logger, Uri url, int status);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning,
        Message = "Collateral server unreachable at {Url}: {Reason}; check the URL, DNS and proxy (HTTPS_PROXY)")]
    private static partial void LogUnreachable(ILogger logger, Uri url, string reason);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "Collateral request {Url} answered HTTP {Status}; retrying after {Seconds} s as the server asked (Retry-After)")]
    private static partial void LogRetrying(ILogger logger, Uri url, int status, double seconds);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "Collateral response from {Url} is larger than {Limit} bytes; refused while reading")]
    private static partial void LogTooLarge(ILogger logger, Uri url, int limit);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Error,
        Message = "The HttpClient followed a redirect from {Url} to {Target} with the PCS API key; use a client without automatic redirects (PcsCollateralSource.CreateHttpClient)")]
    private static partial void LogKeyForwarded(ILogger logger, Uri url, Uri target);
}
