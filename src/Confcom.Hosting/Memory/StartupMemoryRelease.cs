using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Confcom.Hosting.Memory;

/// <summary>
/// Once a daemon has started and settled (registered with the kubelet, socket listening), gives back what only
/// start-up needed: one aggressive, compacting GC returns the start-up garbage and decommits the free regions, and
/// the executable's start-up pages are paged out (<see cref="ExecutablePages"/>). An idle node daemon then holds
/// what it idles on (bench/results/footprint.md). Opt-in per host (<see cref="DaemonHostOptions.ReleaseStartupMemory"/>).
/// </summary>
internal sealed partial class StartupMemoryRelease(IHostApplicationLifetime lifetime, ILogger<StartupMemoryRelease> logger) : BackgroundService
{
    /// <summary>Long enough for a device plugin's first registrations after the host started (about 0.3 s).</summary>
    internal static readonly TimeSpan SettleDelay = TimeSpan.FromSeconds(3);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken).ConfigureAwait(false);
        }
        await Task.Delay(SettleDelay, stoppingToken).ConfigureAwait(false);
        var before = Environment.WorkingSet;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var advised = ExecutablePages.PageOut();
        LogReleased(before / 1024, Environment.WorkingSet / 1024, advised / 1024);
    }
}
