using System.Net.Security;
using System.Security.Authentication;
using Confcom.Webhook;
using Confcom.Webhook.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Microsoft.AspNetCore.Hosting;

/// <summary>TLS for the webhook's listener: the API server only calls webhooks over HTTPS.</summary>
public static class WebhookTls
{
    /// <summary>True when <see cref="WebhookOptions.ListenUrl"/> asks for HTTPS.</summary>
    public static bool IsHttps(this WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.ListenUrl.StartsWith("https:", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Serves the PEM key pair named by the options (TLS 1.2 and 1.3) and follows it when it is replaced: cert-manager
    /// renews about every 60 days and rewrites the webhook configuration's caBundle, and a server that read its pair once
    /// would then fail every handshake (with <c>failurePolicy: Ignore</c>, pods would silently stop being wired). See
    /// <see cref="ReloadingCertificate"/>. Throws <see cref="InvalidOperationException"/> naming the flags or files when
    /// they are missing or unreadable, before anything listens.
    /// </summary>
    public static ListenOptions UseWebhookCertificate(this ListenOptions listen, WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(listen);
        ArgumentNullException.ThrowIfNull(options);
        if (options.TlsCertificatePath is null || options.TlsKeyPath is null)
        {
            throw new InvalidOperationException(
                $"{options.ListenUrl} is https but no --tls-cert/--tls-key was given: the API server only calls webhooks over TLS (mount the cert-manager secret and pass both files)");
        }
        var loggers = listen.ApplicationServices?.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        var certificate = new ReloadingCertificate(options.TlsCertificatePath, options.TlsKeyPath, loggers.CreateLogger<ReloadingCertificate>());
        return listen.UseHttps(new TlsHandshakeCallbackOptions
        {
            OnConnection = _ => ValueTask.FromResult(new SslServerAuthenticationOptions
            {
                ServerCertificateContext = certificate.Current,
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            }),
        });
    }
}
