namespace Confcom.QuoteHelper.Server;

/// <summary>
/// Wakes the quote helper's socket check when the socket's name is created, deleted or renamed in its directory,
/// and at a poll interval in case an event was missed or the directory itself went away. It only observes.
/// </summary>
internal sealed class AesmSocketWatcher : IDisposable
{
    private readonly DirectoryChangeSignal _signal;

    /// <param name="socketPath">The socket whose name is watched.</param>
    /// <param name="onUnavailable">Told, once per distinct reason, that the directory cannot be watched (the check then relies on polling).</param>
    public AesmSocketWatcher(string socketPath, Action<string> onUnavailable) =>
        _signal = new DirectoryChangeSignal(Path.GetDirectoryName(socketPath)!, Path.GetFileName(socketPath), onUnavailable: onUnavailable);

    /// <summary>
    /// Waits for an event on the socket's name (true: the caller should look closely, e.g. connect) or for
    /// <paramref name="pollInterval"/> (false: a cheap check is enough).
    /// </summary>
    public async Task<bool> WaitAsync(TimeSpan pollInterval, CancellationToken cancellationToken)
    {
        var changed = _signal.NextChangeAsync();
        var first = await Task.WhenAny(changed, Task.Delay(pollInterval, cancellationToken)).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return first == changed;
    }

    /// <summary>Starts over on a (re)created directory: a watcher of a removed directory never fires again.</summary>
    public void Rewatch() => _signal.Rewatch();

    public void Dispose() => _signal.Dispose();
}
