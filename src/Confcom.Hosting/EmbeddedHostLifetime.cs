using Microsoft.Extensions.Hosting;

namespace Confcom.Hosting;

/// <summary>
/// A lifetime that never hooks SIGTERM or Ctrl+C: the <c>confcom</c> runner turns signals into the cancellation
/// token every verb receives, and the caller stops its hosts in order (the demo runs several in one process).
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
