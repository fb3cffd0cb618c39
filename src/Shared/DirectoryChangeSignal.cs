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
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = NewSignal();
    private FileSystemWatcher? _watcher;
    private bool _disposed;

    /// <param name="directory">The directory to watch.</param>
    /// <param name="name">Only changes of this entry count; null: any entry.</param>
    /// <param name="onWatchError">Told the message when the watcher reports an error (overflow, directory gone); the signal fires too.</param>
    public DirectoryChangeSignal(string directory, string? name = null, Action<string>? onWatchError = null)
    {
        _directory = directory;
        _name = name;
        _onWatchError = onWatchError;
    }

    /// <summary>Why the directory cannot be watched at the last attempt (callers then rely on polling), or null.</summary>
    public string? Unavailable { get; private set; }

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
                Unavailable = null;
            }
            catch (Exception ex) when (ex is ArgumentException or IOException or UnauthorizedAccessException or PlatformNotSupportedException)
            {
                // E.g. the per-user inotify instance limit (fs.inotify.max_user_instances); polling still works.
                Unavailable = ex.Message;
            }
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
