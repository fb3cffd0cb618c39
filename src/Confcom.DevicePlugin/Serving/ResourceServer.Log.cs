using Microsoft.Extensions.Logging;

namespace Confcom.DevicePlugin.Serving;

internal sealed partial class ResourceServer
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "{Resource}: serving {Count} devices on {Socket} (self-dial answered)")]
    private partial void LogServing(string resource, string socket, int count);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "{Resource}: stopped serving on {Socket}")]
    private partial void LogStopped(string resource, string socket);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Information, Message = "removed stale socket {Socket} left by an earlier run (nothing answered on it)")]
    private partial void LogStaleSocketRemoved(string socket);
}
