using System.Security.Cryptography.X509Certificates;
using Confcom.Webhook;
using Microsoft.AspNetCore.Server.Kestrel.Core;

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
    /// Serves the PEM key pair named by the options (TLS 1.2 and 1.3). Throws <see cref="InvalidOperationException"/>
    /// naming the flags or files when they are missing or unreadable, before anything listens.
    /// </summary>
    public static ListenOptions UseWebhookCertificate(this ListenOptions listen, WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(listen);
        ArgumentNullException.ThrowIfNull(options);
        var certificate = LoadCertificate(options);
        return listen.UseHttps(https =>
        {
            https.ServerCertificate = certificate;
            https.SslProtocols = System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13;
        });
    }

    private static X509Certificate2 LoadCertificate(WebhookOptions options)
    {
        if (options.TlsCertificatePath is null || options.TlsKeyPath is null)
        {
            throw new InvalidOperationException(
                $"{options.ListenUrl} is https but no --tls-cert/--tls-key was given: the API server only calls webhooks over TLS (mount the cert-manager secret and pass both files)");
        }
        try
        {
            return X509Certificate2.CreateFromPemFile(options.TlsCertificatePath, options.TlsKeyPath);
        }
        catch (Exception ex) when (ex is IOException or System.Security.Cryptography.CryptographicException)
        {
            throw new InvalidOperationException(
                $"cannot load the webhook's TLS certificate {options.TlsCertificatePath} with key {options.TlsKeyPath}: {ex.Message}", ex);
        }
    }
}
