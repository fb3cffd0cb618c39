using Confcom.Aesm.Quoting;
using Confcom.QuoteHelper.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace Confcom.QuoteHelper.Hosting;

/// <summary>
/// Builds the quote-helper daemon as a host: the AESM socket server, plus <c>/healthz</c> and Prometheus
/// <c>/metrics</c> over HTTP when <see cref="QuoteHelperOptions.MetricsPort"/> is set. Used by
/// <c>confcom quote-helper</c> and by anything that wants the service in-process (the demo, tests).
/// Start with <c>StartAsync</c>/<c>RunAsync</c>; stopping the host stops accepting, finishes in-flight requests
/// and removes the socket.
/// </summary>
public static class QuoteHelperHost
{
    public static IHost Build(QuoteHelperOptions options, IQuotingEnclave enclave, Action<ILoggingBuilder>? configureLogging = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(enclave);
        options.Validate();

        if (options.MetricsPort is not > 0)
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
            AddServices(builder.Services, options, enclave);
            Configure(builder.Logging, configureLogging);
            return builder.Build();
        }

        var web = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        web.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(options.MetricsAddress, options.MetricsPort.Value));
        AddServices(web.Services, options, enclave);
        Configure(web.Logging, configureLogging);
        var app = web.Build();
        app.MapGet("/healthz", (QuoteHelperServer server) => server.IsListening
            ? Results.Text("ok\n")
            : Results.Text($"not listening on {server.SocketPath}\n", statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapMetrics("/metrics");
        return app;
    }

    private static void AddServices(IServiceCollection services, QuoteHelperOptions options, IQuotingEnclave enclave)
    {
        services.AddSingleton(options);
        services.AddSingleton(enclave);
        services.AddSingleton(_ => new QuoteHelperMetrics(Metrics.DefaultRegistry));
        services.AddSingleton(sp => new QuoteHelperServer(options, enclave, sp.GetRequiredService<QuoteHelperMetrics>(), sp.GetRequiredService<ILoggerFactory>()));
        services.AddHostedService<QuoteHelperHostedService>();
    }

    private static void Configure(ILoggingBuilder logging, Action<ILoggingBuilder>? configure)
    {
        if (configure is not null)
        {
            logging.ClearProviders();
            configure(logging);
        }
    }
}
