using System.Collections.Concurrent;

namespace Confcom.DevicePlugin.Registration;

/// <summary>Which resources are currently registered with the kubelet, and how often; read by /healthz, tests and the demo.</summary>
internal sealed class RegistrationStatus
{
    private readonly ConcurrentDictionary<string, ResourceRegistration> _resources = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyDictionary<string, ResourceRegistration> Resources => _resources;

    /// <summary>Completes once every resource in <paramref name="resourceNames"/> has at least <paramref name="minimumRegistrations"/> registrations and is registered now.</summary>
    public async Task WaitForRegistrationsAsync(IEnumerable<string> resourceNames, int minimumRegistrations, CancellationToken cancellationToken)
    {
        var names = resourceNames.ToList();
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                changed = _changed.Task;
            }
            if (names.All(n => _resources.TryGetValue(n, out var r) && r.Registered && r.Registrations >= minimumRegistrations))
            {
                return;
            }
            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    internal void Set(string resourceName, bool registered)
    {
        _resources.AddOrUpdate(resourceName,
            _ => new ResourceRegistration(registered, registered ? 1 : 0, registered ? DateTimeOffset.UtcNow : null),
            (_, old) => registered
                ? new ResourceRegistration(true, old.Registrations + 1, DateTimeOffset.UtcNow, old.ListAndWatchMissing)
                : old with { Registered = false });
        Signal();
    }

    /// <summary>Registered, but the kubelet did (true) or did again (false) open ListAndWatch in time.</summary>
    internal void SetListAndWatchMissing(string resourceName, bool missing)
    {
        _resources.AddOrUpdate(resourceName,
            _ => new ResourceRegistration(false, 0, null, missing),
            (_, old) => old with { ListAndWatchMissing = missing });
        Signal();
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
