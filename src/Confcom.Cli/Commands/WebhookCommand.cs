using System.CommandLine;
using Confcom.Cli.Options;
using Confcom.Webhook;
using Confcom.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Confcom.Cli.Commands;

/// <summary>
/// <c>confcom webhook</c>: the mutating admission webhook that wires EPC-requesting pods to the quote helper. Every
/// flag has a <c>CONFCOM_…</c> variable (flag, then variable, then default).
/// </summary>
internal static class WebhookCommand
{
    public static Command Create()
    {
        var listen = ListenOption.Create("Where to listen, [https://]ADDRESS:PORT (https for the API server; http:// only for local tests)", "https://0.0.0.0:9443", "https");
        var tlsCert = new Option<string?>("--tls-cert") { Description = "PEM certificate the API server sees (e.g. cert-manager's tls.crt)" }.FromEnvironment(text => text, () => null);
        var tlsKey = new Option<string?>("--tls-key") { Description = "PEM private key of --tls-cert (tls.key)" }.FromEnvironment(text => text, () => null);
        var socketDir = new Option<string>("--aesm-socket-dir") { Description = "Host directory of the quote helper's aesm.socket, mounted read-only into pods at the same path" }
            .FromEnvironment(() => "/var/run/aesmd");
        var logFormat = LogFormatOption.Create();

        var command = new Command("webhook", "Run the admission webhook that gives pods requesting SGX EPC SGX_AESM_ADDR=1 and the quote helper's socket.")
        {
            listen, tlsCert, tlsKey, socketDir, logFormat,
        };
        command.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
        {
            var options = new WebhookOptions
            {
                ListenUrl = ListenOption.Read(result, listen, "https").Url,
                TlsCertificatePath = result.GetValue(tlsCert),
                TlsKeyPath = result.GetValue(tlsKey),
                AesmSocketDirectory = result.GetValue(socketDir)!,
            };
            var builder = DaemonHost.CreateBuilder(new DaemonHostOptions { ServesHttp = true, LogFormat = LogFormatOption.Read(result, logFormat) });
            builder.Services.AddAdmissionWebhook(o =>
            {
                o.ListenUrl = options.ListenUrl;
                o.TlsCertificatePath = options.TlsCertificatePath;
                o.TlsKeyPath = options.TlsKeyPath;
                o.AesmSocketDirectory = options.AesmSocketDirectory;
            });
            try
            {
                builder.Listen(options.ListenUrl, listen =>
                {
                    if (options.IsHttps())
                    {
                        listen.UseWebhookCertificate(options);
                    }
                });
                builder.Map(endpoints => endpoints.MapAdmissionWebhook());
                using var host = builder.Build();
                await host.RunAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
            {
                throw new CliException(ex.Message);
            }
            catch (IOException ex)
            {
                throw new CliException($"--listen {options.ListenUrl}: cannot listen there: {FailureText.OneLine(ex.Message).TrimEnd('.')}; choose a free port");
            }
            return 0;
        });
        return command;
    }
}
