using Confcom.DevicePlugin.Platform;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Confcom.DevicePlugin.Health;

/// <summary>
/// Keeps the current state of the SGX device nodes: inotify on the host's /dev for speed, a periodic rescan for
/// what inotify misses (/dev/sgx/*, overlay mounts). Devices heal when their nodes come back.
/// </summary>
internal sealed partial class DeviceNodeMonitor : BackgroundService
{
    private readonly ISgxDeviceNodes _nodes;
    private readonly TimeSpan _rescanInterval;
    private readonly ILogger<DeviceNodeMonitor> _logger;
    private readonly Lock _gate = new();
    private readonly Lock _rescanGate = new();
    private SgxDeviceNodeSnapshot _current;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public DeviceNodeMonitor(ISgxDeviceNodes nodes, DevicePluginOptions options, ILogger<DeviceNodeMonitor> logger)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(options);
        _nodes = nodes;
        _rescanInterval = options.DeviceRescanInterval;
        _logger = logger;
        _current = nodes.Probe();
    }

    public SgxDeviceNodeSnapshot Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <summary>Completes when the nodes differ from <paramref name="seen"/>.</summary>
    public async Task WaitForChangeAsync(SgxDeviceNodeSnapshot seen, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (!_current.Equals(seen))
                {
                    return;
                }
                changed = _changed.Task;
            }
            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Rescan()
    {
        // Serialized so that a slow probe from an inotify thread never overwrites a newer one from the timer.
        lock (_rescanGate)
        {
            RescanSerialized();
        }
    }

    private void RescanSerialized()
    {
        var probed = _nodes.Probe();
        TaskCompletionSource? toSignal = null;
        SgxDeviceNodeSnapshot previous;
        lock (_gate)
        {
            previous = _current;
            if (!previous.Equals(probed))
            {
                _current = probed;
                toSignal = _changed;
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
        if (toSignal is null)
        {
            return;
        }
        foreach (var node in probed.Nodes)
        {
            var before = previous[node.HostPath];
            if (before.State != node.State)
            {
                LogNodeChanged(node.HostPath, before.State, node.State);
            }
        }
        toSignal.TrySetResult();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var watcher = TryWatch();
        using var timer = new PeriodicTimer(_rescanInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                Rescan();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private FileSystemWatcher? TryWatch()
    {
        var directory = _nodes.WatchDirectory;
        try
        {
            var watcher = new FileSystemWatcher(directory) { IncludeSubdirectories = false };
            watcher.Created += (_, _) => Rescan();
            watcher.Deleted += (_, _) => Rescan();
            watcher.Renamed += (_, _) => Rescan();
            watcher.Error += (_, e) => LogWatchError(directory, e.GetException().Message);
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            LogWatchUnavailable(directory, _rescanInterval.TotalSeconds, ex.Message);
            return null;
        }
    }
}
