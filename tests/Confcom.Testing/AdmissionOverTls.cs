using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Confcom.Testing;

/// <summary>
/// One AdmissionReview POSTed to a webhook as the API server sends it during a certificate rotation: on a new TLS
/// connection (no pooling, so every call sees the pair the server holds now), trusting what <c>trust</c> accepts.
/// Shared by the rotation test and the rotation soak.
/// </summary>
public static class AdmissionOverTls
{
    /// <summary>
    /// Ok when the answer is a success carrying a JSONPatch; Thumbprint is the certificate the server presented
    /// (also when refused); Detail says why it was not ok.
    /// </summary>
    public static async Task<(bool Ok, string? Thumbprint, string? Detail)> PostOnNewConnectionAsync(
        Uri address, string path, string review, Func<X509Certificate2?, bool> trust)
    {
        ArgumentNullException.ThrowIfNull(trust);
        string? thumbprint = null;
        using var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.Zero,
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    var presented = certificate as X509Certificate2;
                    thumbprint = presented?.Thumbprint;
                    return trust(presented);
                },
            },
        };
        using var client = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            using var response = await client.PostAsync(path, new StringContent(review, Encoding.UTF8, "application/json")).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            var ok = response.IsSuccessStatusCode && body.Contains("\"patchType\":\"JSONPatch\"", StringComparison.Ordinal);
            return (ok, thumbprint, ok ? null : $"{(int)response.StatusCode} {body}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return (false, thumbprint, $"{e.GetType().Name}: {e.GetBaseException().Message}");
        }
    }
}
