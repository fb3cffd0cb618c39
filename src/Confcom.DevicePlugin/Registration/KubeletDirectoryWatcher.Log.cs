using Microsoft.Extensions.Logging;

namespace Confcom.DevicePlugin.Registration;

internal sealed partial class KubeletDirectoryWatcher
{
    [LoggerMessage(EventId = 1400, Level = LogLevel.Information,
        Message = "waiting for the kubelet: {Socket} does not exist yet (is the kubelet running, and is --kubelet-dir its device-plugins directory?)")]
    private partial void LogWaitingForKubelet(string socket);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Warning,
        Message = "waiting for the kubelet: {Socket} exists but is {Kind}, not a socket (connect would fail); the kubelet replaces it with its socket when it starts. If this persists, check that --kubelet-dir is the kubelet's device-plugins directory and remove the stray file; the plugin leaves it alone")]
    private partial void LogKubeletSocketNotASocket(string socket, string kind);

    [LoggerMessage(EventId = 1404, Level = LogLevel.Warning,
        Message = "waiting for the kubelet: the directory {Directory} does not exist (stat); is the kubelet running, is --kubelet-dir its device-plugins directory, and is it mounted into this container?")]
    private partial void LogKubeletDirectoryMissing(string directory);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning,
        Message = "cannot watch {Directory} ({Reason}); kubelet restarts are noticed by polling every {Seconds} s")]
    private partial void LogWatchUnavailable(string directory, string reason, double seconds);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "watch on {Directory} reported an error ({Reason}); polling continues")]
    private partial void LogWatchError(string directory, string reason);
}
