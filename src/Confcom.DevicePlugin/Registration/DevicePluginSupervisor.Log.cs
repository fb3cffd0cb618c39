using Microsoft.Extensions.Logging;

namespace Confcom.DevicePlugin.Registration;

internal sealed partial class DevicePluginSupervisor
{
    [LoggerMessage(EventId = 1500, Level = LogLevel.Information,
        Message = "{Resource}: starting with {Count} devices (ListAndWatch message {Bytes} bytes) in {Directory}")]
    private partial void LogStarting(string resource, int count, int bytes, string directory);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Information,
        Message = "{Resource}: registered {Endpoint} with the kubelet at {KubeletSocket} (registration #{Registrations})")]
    private partial void LogRegistered(string resource, string endpoint, string kubeletSocket, int registrations);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Warning,
        Message = "{Resource}: kubelet restart detected ({What}); serving again and re-registering")]
    private partial void LogKubeletRestarted(string resource, string what);

    [LoggerMessage(EventId = 1503, Level = LogLevel.Warning,
        Message = "{Resource}: {Reason} ({Error}, kubelet at {KubeletSocket}); retrying in {DelayMs} ms")]
    private partial void LogRegistrationFailed(string resource, string kubeletSocket, string error, string reason, double delayMs);

    [LoggerMessage(EventId = 1504, Level = LogLevel.Information, Message = "{Resource}: our socket {Socket} is gone; binding it again")]
    private partial void LogRebinding(string resource, string socket);

    [LoggerMessage(EventId = 1505, Level = LogLevel.Information,
        Message = "stopping: closing ListAndWatch streams and removing our {Count} socket(s) in {Directory}")]
    private partial void LogStopping(int count, string directory);

    [LoggerMessage(EventId = 1506, Level = LogLevel.Error,
        Message = "{Resource}: the kubelet at {KubeletSocket} accepted Register but never opened ListAndWatch on {Socket} within {Seconds} s, so the node's capacity stays 0. Likely cause: the kubelet cannot call the plugin: a kubelet older than 1.26 rejected by the server, SELinux/AppArmor denying its connect() to the socket, or a socket path the kubelet does not see (mount). Registering again with backoff; /healthz and confcom_device_plugin_listandwatch_missing_total show it meanwhile")]
    private partial void LogListAndWatchMissing(string resource, double seconds, string kubeletSocket, string socket);
}
