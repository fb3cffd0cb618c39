using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Confcom.Cli.Tests.Support;

/// <summary>
/// A loopback HTTP server in front of another one, recording which API key each request carried: it either
/// redirects every request to the target (307, another origin) or forwards it there and relays the answer.
/// </summary>
internal sealed class RecordingHttpServer : IAsyncDisposable
{
    public const string ApiKeyHeader = "Ocp-Apim-Subscription-Key";

    private readonly WebApplication _app;
    private readonly HttpClient _forwarder = new();

    private RecordingHttpServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Path and query of each request, and its API key header (null if none).</summary>
    public ConcurrentQueue<(string PathAndQuery, string? ApiKey)> Seen { get; } = new();

    public static Task<RecordingHttpServer> RedirectingTo(Uri target) => StartAsync(target, redirect: true);

    public static Task<RecordingHttpServer> ForwardingTo(Uri target) => StartAsync(target, redirect: false);

    private static async Task<RecordingHttpServer> StartAsync(Uri target, bool redirect)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new RecordingHttpServer(app);
        app.Run(async context =>
        {
            var pathAndQuery = context.Request.Path + context.Request.QueryString;
            server.Seen.Enqueue((pathAndQuery, context.Request.Headers[ApiKeyHeader].FirstOrDefault()));
            var destination = new Uri(target, pathAndQuery.TrimStart('/'));
            if (redirect)
            {
                context.Response.Redirect(destination.ToString(), permanent: false, preserveMethod: true);
                return;
            }
            using var answer = await server._forwarder.GetAsync(destination, context.RequestAborted);
            context.Response.StatusCode = (int)answer.StatusCode;
            foreach (var header in answer.Headers.Concat(answer.Content.Headers))
            {
                if (!header.Key.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
                {
                    context.Response.Headers[header.Key] = header.Value.ToArray();
                }
            }
            await context.Response.Body.WriteAsync(await answer.Content.ReadAsByteArrayAsync(context.RequestAborted), context.RequestAborted);
        });
        await app.StartAsync();
        server.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _forwarder.Dispose();
    }
}
