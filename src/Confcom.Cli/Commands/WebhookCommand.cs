using System.CommandLine;
using Confcom.Webhook;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Confcom.Cli.Commands;

/// <summary><c>confcom webhook</c>: the mutating admission webhook that wires EPC-requesting pods to the quote helper.</summary>
internal static class WebhookCommand
{
    public static Command Create()
    {
        var listen = new Option<string>("--listen") { Description = "URL to listen on (https for the API server; http only for local tests)", DefaultValueFactory = _ => "https://0.0.0.0:9443" };
        var tlsCert = new Option<string?>("--tls-cert") { Description = "PEM certificate the API server sees (e.g. cert-manager's tls.crt)" };
        var tlsKey = new Option<string?>("--tls-key") { Description = "PEM private key of --tls-cert (tls.key)" };
        var socketDir = new Option<string>("--aesm-socket-dir") { Description = "Host directory of the quote helper's aesm.socket, mounted into pods at the same path", DefaultValueFactory = _ => "/var/run/aesmd" };

        var command = new Command("webhook", "Run the admission webhook that gives pods requesting SGX EPC SGX_AESM_ADDR=1 and the quote helper's socket.")
        {
            listen, tlsCert, tlsKey, socketDir,
        };
        command.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
        {
            var options = new WebhookOptions
            {
                ListenUrl = result.GetValue(listen)!,
                TlsCertificatePath = result.GetValue(tlsCert),
                TlsKeyPath = result.GetValue(tlsKey),
                AesmSocketDirectory = result.GetValue(socketDir)!,
            };
            WebApplication app;
            try
            {
                app = WebhookServer.Build(options);
            }
            catch (InvalidOperationException ex)
            {
                throw new CliException(ex.Message);
            }
            await using (app)
            {
                await app.StartAsync(cancellationToken);
                await app.WaitForShutdownAsync(cancellationToken);
                await app.StopAsync(CancellationToken.None);
            }
            return 0;
        });
        return command;
    }
}
