using Confcom.DevicePlugin.Platform;
using Microsoft.Extensions.Logging;

namespace Confcom.DevicePlugin.Health;

internal sealed partial class DeviceNodeMonitor
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Warning,
        Message = "SGX device node {HostPath} changed from {Before} to {After}; resources that depend on it follow (Healthy only while it is a character device)")]
    private partial void LogNodeChanged(string hostPath, DeviceNodeState before, DeviceNodeState after);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning,
        Message = "cannot watch {Directory} for device-node changes ({Reason}); falling back to a rescan every {Seconds} s")]
    private partial void LogWatchUnavailable(string directory, double seconds, string reason);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning,
        Message = "watch on {Directory} reported an error ({Reason}); the periodic rescan still runs")]
    private partial void LogWatchError(string directory, string reason);
}
