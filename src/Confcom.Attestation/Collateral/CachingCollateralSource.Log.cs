using Microsoft.Extensions.Logging;

namespace Confcom.Attestation.Collateral;

public sealed partial class CachingCollateralSource
{
    [LoggerMessage(EventId = 3110, Level = LogLevel.Warning,
        Message = "Refreshing collateral for {Request} failed ({Reason}); serving the cached copy that expired at {NextUpdate}. Verifications report expired collateral until the source is reachable again")]
    private static partial void LogServingStale(ILogger logger, string request, DateTimeOffset nextUpdate, string reason);

    [LoggerMessage(EventId = 3111, Level = LogLevel.Warning,
        Message = "Collateral cache file {Path} is unreadable ({Reason}); it will be refetched and overwritten")]
    private static partial void LogBadCacheFile(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 3112, Level = LogLevel.Warning,
        Message = "Cannot write collateral cache file {Path} ({Reason}); check the cache directory's permissions and free space")]
    private static partial void LogCacheWriteFailed(ILogger logger, string path, string reason);
}
