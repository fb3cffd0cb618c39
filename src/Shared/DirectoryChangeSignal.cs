namespace Confcom;

/// <summary>
/// A task that completes when an entry of one directory is created, deleted or renamed (inotify through
/// <see cref="FileSystemWatcher"/>), optionally only for one name in it. Callers always pair it with a poll
/// interval: inotify can overflow, the per-user instance limit can refuse a watcher, and a watcher on a removed
/// directory hears nothing more. So every <see cref="NextChangeAsync"/> re-arms a watcher once the directory exists
/// again. It only observes. Linked into the daemons that watch a host directory (the device plugin's kubelet
/// directory, the quote helper's socket directory) like <c>BoundedInput.cs</c>.
/// </summary>
internal sealed class DirectoryChangeSignal : IDisposable
{
    private readonly string _directory;
    private readonly string? _name;
    private readonly Action<string>? _onWatchError;
    private readonly Action<string>? _onUnavailable;
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = NewSignal();
    private FileSystemWatcher? _watcher;
    private bool _disposed;
    private string? _reportedUnavailable;

    /// <param name="directory">The directory to watch.</param>
    /// <param name="name">Only changes of this entry count; null: any entry.</param>
    /// <param name="onWatchError">Told the message when the watcher reports an error (overflow, directory gone); the signal fires too.</param>
    /// <param name="onUnavailable">Told, once per distinct reason, that no watcher can be armed (callers then rely on polling).</param>
    public DirectoryChangeSignal(string directory, string? name = null, Action<string>? onWatchError = null, Action<string>? onUnavailable = null)
    {
        _directory = directory;
        _name = name;
        _onWatchError = onWatchError;
        _onUnavailable = onUnavailable;
    }

    /// <summary>Completes on the next change after this call (arming a watcher first when there is none).</summary>
    public Task NextChangeAsync()
    {
        EnsureWatching();
        lock (_gate)
        {
            return _changed.Task;
        }
    }

    /// <summary>Starts over on a (re)created directory: a watcher of a removed directory never fires again.</summary>
    public void Rewatch()
    {
        lock (_gate)
        {
            _watcher?.Dispose();
            _watcher = null;
        }
        EnsureWatching();
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
        string? unavailable = null;
        lock (_gate)
        {
            if (_watcher is not null || _disposed || !Directory.Exists(_directory))
            {
                return;
            }
            try
            {
                var watcher = new FileSystemWatcher(_directory) { IncludeSubdirectories = false };
                watcher.Created += (_, e) => SignalIfOurs(e.Name);
                watcher.Deleted += (_, e) => SignalIfOurs(e.Name);
                watcher.Renamed += (_, e) =>
                {
                    SignalIfOurs(e.OldName);
                    SignalIfOurs(e.Name);
                };
                // Overflow or the directory going away: look again, and let the poll re-arm.
                watcher.Error += (_, e) =>
                {
                    _onWatchError?.Invoke(e.GetException().Message);
                    Signal();
                };
                watcher.EnableRaisingEvents = true;
                _watcher = watcher;
            }
            catch (Exception ex) when (ex is ArgumentException or IOException or UnauthorizedAccessException or PlatformNotSupportedException)
            {
                // E.g. the per-user inotify instance limit (fs.inotify.max_user_instances); polling still works.
                if (ex.Message != _reportedUnavailable)
                {
                    _reportedUnavailable = unavailable = ex.Message;
                }
            }
        }
        if (unavailable is not null)
        {
            _onUnavailable?.Invoke(unavailable);
        }
    }

    private void SignalIfOurs(string? name)
    {
        if (_name is null || string.Equals(name, _name, StringComparison.Ordinal))
        {
            Signal();
        }
    }

    private void Signal()
    {
        TaskCompletionSource toSignal;
        lock (_gate)
        {
            toSignal = _changed;
            _changed = NewSignal();
        }
        toSignal.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
