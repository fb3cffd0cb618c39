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
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenUnixSocket(socketPath, listen => listen.Protocols = HttpProtocols.Http2));
        configureServices(builder.Services);
        var app = builder.Build();
        mapServices(app);
        return app;
    }
}
