using Microsoft.Extensions.Hosting;

namespace Confcom.DevicePlugin.Transport;

/// <summary>
/// Lifetime for per-socket servers living inside another host: they start and stop when told to, and never
/// hook SIGTERM themselves (the process's main host does, and stops them in order).
/// </summary>
internal sealed class EmbeddedServerLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
