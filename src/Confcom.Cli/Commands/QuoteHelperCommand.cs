using System.CommandLine;
using Confcom.Aesm.Protocol;
using Confcom.QuoteHelper.Server;
using Confcom.Cli.Commands.QuoteHelper;
using Confcom.Cli.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Confcom.Hosting;
using Confcom.Hosting.Logging;

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
            DefaultValueFactory = _ => QuoteHelperOptions.DefaultMaxRequestBytes,
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
            var port = r.GetValue(metricsPort);
            var metrics = MetricsAddressOption.Endpoint(r.GetValue(metricsAddress)!, port);
            using var loggers = ConsoleLogging.CreateFactory();
            var enclave = new QuoteHelperBackendSelector(loggers)
                .Open(Enum.Parse<QuoteHelperBackend>(r.GetValue(backend)!, ignoreCase: true), r.GetValue(stateDir), r.GetValue(simRoot));
            using var ownedBackend = enclave as IDisposable;
            var socketPath = r.GetValue(socket)!;
            var builder = DaemonHost.CreateBuilder(new DaemonHostOptions { MetricsEndpoint = metrics, Loggers = loggers, ShutdownTimeout = TimeSpan.FromSeconds(15) });
            builder.Services.AddSingleton(enclave);
            builder.Services.AddQuoteHelper(options =>
            {
                options.SocketPath = socketPath;
                options.MaxRequestBytes = r.GetValue(maxRequest);
            });
            using var host = builder.Build();
            try
            {
                // SIGTERM/Ctrl+C cancel ct; the host then stops accepting, finishes in-flight requests and removes the socket.
                await host.RunAsync(ct);
            }
            catch (Exception e) when (e is AesmSocketInUseException or AesmSocketPathOccupiedException or OptionsValidationException)
            {
                throw new CliException(e.Message);
            }
            catch (IOException e) when (metrics is not null)
            {
                throw new CliException($"cannot serve /metrics on port {port}: {e.Message} (choose another --metrics-port)");
            }
            catch (UnauthorizedAccessException e)
            {
                throw new CliException($"cannot create the socket {socketPath}: {e.Message} (run as a user that may write its directory)");
            }
            return 0;
        });
        return command;
    }
}
