using Microsoft.Extensions.Hosting;

namespace Confcom.Simulation.Pcs;

/// <summary>
/// Host lifetime for a server embedded in another process (tests, the demo, a CLI verb): unlike the default
/// console lifetime it does not take over SIGTERM/Ctrl+C, which belong to the embedding process.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
