using Microsoft.Extensions.Logging;

namespace Confcom.DevicePlugin.Serving;

internal sealed partial class ResourcePlugin
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Information,
        Message = "{Resource}: sent {Count} devices as {Health} to the kubelet ({Bytes} bytes)")]
    private partial void LogListSent(string resource, int count, string health, int bytes);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning,
        Message = "{Resource}: advertising nothing to the kubelet because {Reason}; the plugin stays up and advertises the {Count} devices as soon as that changes")]
    private partial void LogAdvertisingNothing(string resource, string reason, int count);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning,
        Message = "{Resource}: Allocate refused: unknown device ID '{DeviceId}' (this plugin advertises {Count}); the kubelet's checkpoint may be from a node with more EPC")]
    private partial void LogUnknownDevice(string resource, string deviceId, int count);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Warning,
        Message = "{Resource}: Allocate refused for device '{DeviceId}': {Reason}")]
    private partial void LogUnhealthyDevice(string resource, string deviceId, string reason);
}
