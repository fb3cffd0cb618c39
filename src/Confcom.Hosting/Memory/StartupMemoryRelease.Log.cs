using Microsoft.Extensions.Logging;

namespace Confcom.Hosting.Memory;

internal sealed partial class StartupMemoryRelease
{
    [LoggerMessage(EventId = 6010, Level = LogLevel.Debug,
        Message = "Released start-up memory: resident {BeforeKib} KiB -> {AfterKib} KiB (executable mappings advised: {AdvisedKib} KiB)")]
    private partial void LogReleased(long beforeKib, long afterKib, long advisedKib);
}
