namespace Confcom.Cli.Commands.Demo;

/// <summary>Everything the demo started, stopped in reverse order whether or not the run succeeded.</summary>
internal sealed class DemoResources : IAsyncDisposable
{
    private readonly Stack<(string Name, Func<ValueTask> Stop)> _started = new();

    public T Add<T>(string name, T resource) where T : IAsyncDisposable
    {
        _started.Push((name, resource.DisposeAsync));
        return resource;
    }

    public void Add(string name, Func<ValueTask> stop) => _started.Push((name, stop));

    /// <summary>Names of what was stopped, in order.</summary>
    public IReadOnlyList<string> Stopped { get; private set; } = [];

    public async ValueTask DisposeAsync()
    {
        var stopped = new List<string>();
        List<Exception>? errors = null;
        while (_started.TryPop(out var entry))
        {
            try
            {
                await entry.Stop().ConfigureAwait(false);
                stopped.Add(entry.Name);
            }
            catch (Exception ex)
            {
                // Keep stopping the rest; report every failure together.
                (errors ??= []).Add(new InvalidOperationException($"stopping {entry.Name} failed: {ex.Message}", ex));
            }
        }
        Stopped = stopped;
        if (errors is not null)
        {
            throw new AggregateException(errors);
        }
    }
}
