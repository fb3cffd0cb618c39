using System.CommandLine;
using Confcom.QuoteHelper.Hosting;
using Confcom.Aesm.Protocol;
using Confcom.QuoteHelper.Server;
using Confcom.Cli.Commands.QuoteHelper;
using Confcom.Cli.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Confcom.Cli.Commands;

/// <summary><c>confcom quote-helper</c>: run the AESM-compatible quote helper on a Unix socket.</summary>
internal static class QuoteHelperCommand
{
    public static Command Create()
    {
        var socket = new Option<string>("--socket")
        {
            Description = "Unix socket to serve (where libsgx_quote_ex looks for aesmd)",
            DefaultValueFactory = _ => QuoteHelperOptions.DefaultSocketPath,
        };
        var backend = new Option<string>("--backend")
        {
            Description = "Quoting backend: auto (dcap when SGX devices and libsgx_dcap_ql are present, else simulated), dcap, simulated",
            DefaultValueFactory = _ => "auto",
        };
        backend.AcceptOnlyFromAmong("auto", "dcap", "simulated");
        var stateDir = new Option<string?>("--state-dir") { Description = "Simulated backend: directory holding the simulated platform's keys and PCK certificate" };
        var simRoot = new Option<string?>("--sim-root") { Description = "Simulated backend: directory of the simulated Intel CAs (default: inside --state-dir)" };
        var metricsPort = new Option<int?>("--metrics-port") { Description = "Serve /healthz and /metrics on this TCP port" };
        var metricsAddress = MetricsAddressOption.Create();
        var maxRequest = new Option<int>("--max-request-bytes")
        {
            Description = "Refuse request frames longer than this",
            DefaultValueFactory = _ => AesmFrame.DefaultMaxBodyBytes,
        };

        var command = new Command("quote-helper", "Run the AESM-compatible quote helper on a Unix socket.");
        command.Options.Add(socket);
        command.Options.Add(backend);
        command.Options.Add(stateDir);
        command.Options.Add(simRoot);
        command.Options.Add(metricsPort);
        command.Options.Add(metricsAddress);
        command.Options.Add(maxRequest);
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            using var loggers = LoggerFactory.Create(ConfigureLogging);
            var enclave = new QuoteHelperBackendSelector(loggers)
                .Open(Enum.Parse<QuoteHelperBackend>(r.GetValue(backend)!, ignoreCase: true), r.GetValue(stateDir), r.GetValue(simRoot));
            using var ownedBackend = enclave as IDisposable;
            var options = new QuoteHelperOptions
            {
                SocketPath = r.GetValue(socket)!,
                MetricsPort = r.GetValue(metricsPort),
                MetricsAddress = MetricsAddressOption.Parse(r.GetValue(metricsAddress)!),
                MaxRequestBytes = r.GetValue(maxRequest),
            };
            using var host = Build(options, enclave);
            try
            {
                await host.StartAsync(ct);
            }
            catch (AesmSocketInUseException e)
            {
                throw new CliException(e.Message);
            }
            catch (IOException e) when (options.MetricsPort is > 0)
            {
                throw new CliException($"cannot serve /metrics on port {options.MetricsPort}: {e.Message} (choose another --metrics-port)");
            }
            catch (UnauthorizedAccessException e)
            {
                throw new CliException($"cannot create the socket {options.SocketPath}: {e.Message} (run as a user that may write its directory)");
            }
            // SIGTERM/Ctrl+C reach us both through the host's console lifetime and through ct; either way the
            // host stops: no new connections, in-flight requests finished, socket removed.
            var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
            using var stopOnCancel = ct.Register(lifetime.StopApplication);
            await host.WaitForShutdownAsync(CancellationToken.None);
            return 0;
        });
        return command;
    }

    private static IHost Build(QuoteHelperOptions options, Aesm.Quoting.IQuotingEnclave enclave)
    {
        try
        {
            return QuoteHelperHost.Build(options, enclave, ConfigureLogging);
        }
        catch (ArgumentException e)
        {
            throw new CliException(e.Message);
        }
    }

    private static void ConfigureLogging(ILoggingBuilder logging) =>
        logging
            .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            });
}
