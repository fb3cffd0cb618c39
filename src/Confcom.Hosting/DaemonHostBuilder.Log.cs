using Microsoft.Extensions.Logging;

namespace Confcom.Hosting;

public sealed partial class DaemonHostBuilder
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "Listening on {Addresses}")]
    private static partial void LogListening(ILogger logger, string addresses);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Stopped listening on {Addresses}")]
    private static partial void LogStopped(ILogger logger, string addresses);
}
