using Microsoft.Extensions.Logging;

namespace Confcom.DevicePlugin.Serving;

internal sealed partial class ResourcePlugin
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Information,
        Message = "{Resource}: sent {Count} devices as {Health} to the kubelet ({Bytes} bytes)")]
    private partial void LogListSent(string resource, int count, string health, int bytes);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning,
        Message = "{Resource}: sent {Count} devices as Unhealthy to the kubelet because {Reason} ({Bytes} bytes); they return to Healthy when the node is back")]
    private partial void LogListSentUnhealthy(string resource, int count, string reason, int bytes);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning,
        Message = "{Resource}: Allocate refused: unknown device ID '{DeviceId}' (this plugin advertises {Count}); the kubelet's checkpoint may be from a node with more EPC")]
    private partial void LogUnknownDevice(string resource, string deviceId, int count);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Warning,
        Message = "{Resource}: Allocate refused for device '{DeviceId}': {Reason}")]
    private partial void LogUnhealthyDevice(string resource, string deviceId, string reason);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Warning,
        Message = "{Resource}: {Count} devices marked \"Unhealthy\" would exceed the kubelet's {Limit}-byte limit; unhealthy devices are sent with an empty health string, which the kubelet also counts as unhealthy")]
    private partial void LogHealthOmitted(string resource, int count, int limit);
}
