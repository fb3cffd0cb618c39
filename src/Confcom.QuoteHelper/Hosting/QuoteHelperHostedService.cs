using Confcom.QuoteHelper.Server;
using Microsoft.Extensions.Hosting;

namespace Confcom.QuoteHelper.Hosting;

/// <summary>Runs the <see cref="QuoteHelperServer"/> for the lifetime of a host (SIGTERM → <see cref="StopAsync"/>).</summary>
internal sealed class QuoteHelperHostedService : IHostedService
{
    private readonly QuoteHelperServer _server;

    public QuoteHelperHostedService(QuoteHelperServer server) => _server = server;

    public Task StartAsync(CancellationToken cancellationToken) => _server.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => _server.StopAsync(cancellationToken);
}
