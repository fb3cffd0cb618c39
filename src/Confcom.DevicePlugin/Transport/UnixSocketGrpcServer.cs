using Confcom.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Confcom.DevicePlugin.Transport;

/// <summary>
/// Builds a Kestrel gRPC server bound to one Unix socket, HTTP/2 only, that logs through the caller's
/// <see cref="ILoggerFactory"/> and leaves signal handling to the process's main host.
/// </summary>
internal static class UnixSocketGrpcServer
{
    public static WebApplication Build(string socketPath, ILoggerFactory loggers, Action<IServiceCollection> configureServices, Action<WebApplication> mapServices)
    {
        ArgumentNullException.ThrowIfNull(configureServices);
        ArgumentNullException.ThrowIfNull(mapServices);
        var builder = DaemonHost.CreateEmbeddedWebBuilder(loggers, typeof(UnixSocketGrpcServer).Assembly.GetName().Name!);
        builder.Services.AddGrpc();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // No HPACK dynamic table: the authority rewrite below must never make the client's and Kestrel's tables
            // disagree (an entry larger than the table is never stored, RFC 7541 §4.4), and gRPC here is a handful of
            // small calls on one long-lived connection, so compression buys nothing.
            kestrel.Limits.Http2.HeaderTableSize = 1;
            kestrel.ListenUnixSocket(socketPath, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                // Kubelets before 1.26 send the socket path as :authority, which Kestrel refuses (RST_STREAM).
                listen.Use(next => new LocalhostAuthorityMiddleware(next).OnConnectionAsync);
            });
        });
        configureServices(builder.Services);
        var app = builder.Build();
        mapServices(app);
        return app;
    }
}
