namespace Confcom.QuoteHelper.Server;

/// <summary>
/// Wakes the quote helper's socket check when the socket's name is created, deleted or renamed in its directory
/// (inotify through <see cref="FileSystemWatcher"/>), and at a poll interval in case an event was missed or the
/// directory itself went away (a watcher on a removed directory hears nothing more). It only observes.
/// </summary>
internal sealed class AesmSocketWatcher : IDisposable
{
    private readonly string _directory;
    private readonly string _name;
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = NewSignal();
    private FileSystemWatcher? _watcher;
    private bool _disposed;

    public AesmSocketWatcher(string socketPath)
    {
        _directory = Path.GetDirectoryName(socketPath)!;
        _name = Path.GetFileName(socketPath);
    }

    /// <summary>The reason the directory cannot be watched (the check then relies on polling), or null.</summary>
    public string? Unavailable { get; private set; }

    /// <summary>
    /// Waits for an event on the socket's name (true: the caller should look closely, e.g. connect) or for
    /// <paramref name="pollInterval"/> (false: a cheap check is enough).
    /// </summary>
    public async Task<bool> WaitAsync(TimeSpan pollInterval, CancellationToken cancellationToken)
    {
        EnsureWatching();
        Task changed;
        lock (_gate)
        {
            changed = _changed.Task;
        }
        var delay = Task.Delay(pollInterval, cancellationToken);
        var first = await Task.WhenAny(changed, delay).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return first == changed;
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
                // Overflow or the directory going away: look, and let the poll re-arm.
                watcher.Error += (_, _) => Signal();
                watcher.EnableRaisingEvents = true;
                _watcher = watcher;
                Unavailable = null;
            }
            catch (Exception ex) when (ex is ArgumentException or IOException or UnauthorizedAccessException)
            {
                // E.g. the per-user inotify instance limit (fs.inotify.max_user_instances); polling still works.
                Unavailable = ex.Message;
            }
        }
    }

    private void SignalIfOurs(string? name)
    {
        if (string.Equals(name, _name, StringComparison.Ordinal))
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
