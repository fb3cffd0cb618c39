using System.CommandLine;
using Confcom.QuoteHelper.Server;
using Confcom.Cli.Commands.QuoteHelper;
using Confcom.Cli.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Confcom.Hosting;
using Confcom.Aesm.Quoting;
using Microsoft.Extensions.Logging;

namespace Confcom.Cli.Commands;

/// <summary>
/// <c>confcom quote-helper</c>: run the AESM-compatible quote helper on a Unix socket. Every flag has a
/// <c>CONFCOM_…</c> variable (flag, then variable, then default).
/// </summary>
internal static class QuoteHelperCommand
{
    public static Command Create()
    {
        var socket = SocketOption.CreateForDaemon("Unix socket to serve (where libsgx_quote_ex looks for aesmd)");
        var backend = new Option<string>("--backend")
        {
            Description = "Quoting backend: auto (dcap when SGX devices and libsgx_dcap_ql are present, else simulated), dcap, simulated",
        }.FromEnvironment(text => text.Trim().ToLowerInvariant() is "auto" or "dcap" or "simulated"
            ? text.Trim().ToLowerInvariant()
            : throw new FormatException("expected auto, dcap or simulated"), () => "auto");
        backend.AcceptOnlyFromAmong("auto", "dcap", "simulated");
        var stateDir = StateDirOption.CreateForDaemon("Simulated backend: the simulated node's state (attestation key, PCK certificate), created on first start");
        var simRoot = new Option<string?>("--sim-root") { Description = "Simulated backend: directory of the simulated Intel CAs (default: inside --state-dir)" }
            .FromEnvironment(text => text, () => null);
        var metrics = MetricsListenOption.CreateOff();
        var maxRequest = new Option<int>("--max-request-bytes")
        {
            Description = "Refuse request frames longer than this",
        }.FromEnvironment(EnvironmentParsers.PositiveInteger, () => QuoteHelperOptions.DefaultMaxRequestBytes);
        var logFormat = LogFormatOption.Create();

        var command = new Command("quote-helper", "Run the AESM-compatible quote helper on a Unix socket.");
        command.Options.Add(socket);
        command.Options.Add(backend);
        command.Options.Add(stateDir);
        command.Options.Add(simRoot);
        metrics.AddTo(command);
        command.Options.Add(maxRequest);
        command.Options.Add(logFormat);
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var endpoint = metrics.Endpoint(r);
            var socketPath = r.GetValue(socket)!;
            var builder = DaemonHost.CreateBuilder(new DaemonHostOptions
            {
                MetricsEndpoint = endpoint,
                LogFormat = LogFormatOption.Read(r, logFormat),
                ShutdownTimeout = TimeSpan.FromSeconds(15),
                ReleaseStartupMemory = true,
            });
            // Opened as the host starts, so the backend logs through the host's console in its format; the host
            // disposes it after the server stopped.
            builder.Services.AddSingleton<IQuotingEnclave>(services => new QuoteHelperBackendSelector(services.GetRequiredService<ILoggerFactory>())
                .Open(ParseBackend(r.GetValue(backend)!), r.GetValue(stateDir), r.GetValue(simRoot)));
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
            catch (IOException e) when (endpoint is not null)
            {
                throw new CliException($"{metrics.Describe(r, endpoint)}: cannot serve /metrics: {FailureText.OneLine(e.Message).TrimEnd('.')}; choose a free port, or --metrics-listen off");
            }
            catch (UnauthorizedAccessException e)
            {
                throw new CliException($"--socket {socketPath}: cannot create the socket: {FailureText.OneLine(e.Message).TrimEnd('.')} (run as a user that may write its directory)");
            }
            return 0;
        });
        return command;
    }

    private static QuoteHelperBackend ParseBackend(string text) => text switch
    {
        "dcap" => QuoteHelperBackend.Dcap,
        "simulated" => QuoteHelperBackend.Simulated,
        _ => QuoteHelperBackend.Auto,
    };
}
