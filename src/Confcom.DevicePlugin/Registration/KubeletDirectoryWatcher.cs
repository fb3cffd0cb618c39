using Confcom.DevicePlugin.Platform;
using Microsoft.Extensions.Logging;

namespace Confcom.DevicePlugin.Registration;

/// <summary>
/// Wakes the registration loops when anything in the kubelet's device-plugins directory is created, deleted or
/// renamed (inotify), and at a poll interval in case an event was missed. It only observes; it never writes there.
/// </summary>
internal sealed partial class KubeletDirectoryWatcher : IDisposable
{
    private readonly string _directory;
    private readonly TimeSpan _pollInterval;
    private readonly ILogger<KubeletDirectoryWatcher> _logger;
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private FileSystemWatcher? _watcher;
    private bool _disposed;

    public KubeletDirectoryWatcher(DevicePluginOptions options, ILogger<KubeletDirectoryWatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _directory = options.KubeletDirectory;
        _pollInterval = options.KubeletPollInterval;
        _logger = logger;
        KubeletSocketPath = Path.Combine(_directory, KubeletProtocol.KubeletSocketName);
    }

    public string KubeletSocketPath { get; }

    public UnixFileStatus KubeletSocket() => UnixFileStatus.GetWithoutFollowing(KubeletSocketPath);

    /// <summary>Waits for kubelet.sock instead of failing, so a plugin started before the kubelet does not flap.</summary>
    public async Task WaitForKubeletSocketAsync(CancellationToken cancellationToken)
    {
        // Said once per state, and each state gets its own sentence: "does not exist" for a regular file sent
        // operators looking for a kubelet that was in fact running.
        string? said = null;
        await WaitUntilAsync(() =>
        {
            var kind = KubeletSocket().Kind;
            if (kind == UnixFileKind.Socket)
            {
                return true;
            }
            var state = !Directory.Exists(_directory) ? "no-directory" : kind.ToString();
            if (state != said)
            {
                if (state == "no-directory")
                {
                    LogKubeletDirectoryMissing(_directory);
                }
                else if (kind == UnixFileKind.Missing)
                {
                    LogWaitingForKubelet(KubeletSocketPath);
                }
                else
                {
                    LogKubeletSocketNotASocket(KubeletSocketPath, Describe(kind));
                }
                said = state;
            }
            return false;
        }, cancellationToken).ConfigureAwait(false);
    }

    private static string Describe(UnixFileKind kind) => kind switch
    {
        UnixFileKind.RegularFile => "a regular file",
        UnixFileKind.Directory => "a directory",
        UnixFileKind.SymbolicLink => "a symbolic link",
        UnixFileKind.CharacterDevice => "a character device",
        UnixFileKind.BlockDevice => "a block device",
        UnixFileKind.Fifo => "a FIFO",
        _ => kind.ToString(),
    };

    /// <summary>Re-evaluates <paramref name="condition"/> on every directory event and poll tick until it holds.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        while (true)
        {
            EnsureWatching();
            Task changed;
            lock (_gate)
            {
                changed = _changed.Task;
            }
            if (condition())
            {
                return;
            }
            await Task.WhenAny(changed, Task.Delay(_pollInterval, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _watcher?.Dispose();
            _watcher = null;
        }
    }

    private void EnsureWatching()
    {
        lock (_gate)
        {
            if (_watcher is not null || _disposed || !Directory.Exists(_directory))
            {
                return;
            }
            try
            {
                var watcher = new FileSystemWatcher(_directory) { IncludeSubdirectories = false };
                watcher.Created += (_, _) => Signal();
                watcher.Deleted += (_, _) => Signal();
                watcher.Renamed += (_, _) => Signal();
                watcher.Error += (_, e) => LogWatchError(_directory, e.GetException().Message);
                watcher.EnableRaisingEvents = true;
                _watcher = watcher;
            }
            catch (Exception ex) when (ex is ArgumentException or IOException or UnauthorizedAccessException)
            {
                LogWatchUnavailable(_directory, ex.Message, _pollInterval.TotalSeconds);
            }
        }
    }

    private void Signal()
    {
        TaskCompletionSource toSignal;
        lock (_gate)
        {
            toSignal = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        toSignal.TrySetResult();
    }
}
