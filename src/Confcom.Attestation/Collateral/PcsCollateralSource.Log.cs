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
}
