using Microsoft.Extensions.Logging;

namespace Confcom.DevicePlugin.KubeletEmulation;

public sealed partial class KubeletEmulator
{
    [LoggerMessage(EventId = 1600, Level = LogLevel.Information, Message = "emulated kubelet: registered {Resource} at {Socket}")]
    private partial void LogRegistered(string resource, string socket);

    [LoggerMessage(EventId = 1601, Level = LogLevel.Warning, Message = "emulated kubelet: rejected Register for {Resource}: {Reason}")]
    private partial void LogRejected(string resource, string reason);

    [LoggerMessage(EventId = 1602, Level = LogLevel.Information, Message = "emulated kubelet: restarted in {Directory} (restart #{Restarts}); every socket there was deleted")]
    private partial void LogRestarted(string directory, int restarts);
}
