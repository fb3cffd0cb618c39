using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Confcom.Webhook.Admission;
using Confcom.Webhook.Mutation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Confcom.Webhook;

/// <summary>Builds the webhook's web application: <c>POST /mutate</c> for the API server and <c>/healthz</c>.</summary>
public static class WebhookServer
{
    public const string MutatePath = "/mutate";

    public static WebApplication Build(WebhookOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<QuoteHelperWiring>();
        builder.Services.AddSingleton<AdmissionReviewHandler>();
        builder.Services.AddHealthChecks();
        // Per-request access logs would drown the one line per wired pod that operators look for.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.WebHost.UseUrls(options.ListenUrl);
        if (options.ListenUrl.StartsWith("https:", StringComparison.OrdinalIgnoreCase))
        {
            var certificate = LoadCertificate(options);
            builder.WebHost.UseKestrelHttpsConfiguration();
            builder.WebHost.ConfigureKestrel(k => k.ConfigureHttpsDefaults(h =>
            {
                h.ServerCertificate = certificate;
                h.SslProtocols = System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13;
            }));
        }
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapHealthChecks("/healthz");
        app.MapPost(MutatePath, async (HttpContext context, AdmissionReviewHandler handler) =>
        {
            AdmissionReview? review;
            try
            {
                review = await JsonSerializer.DeserializeAsync<AdmissionReview>(context.Request.Body, cancellationToken: context.RequestAborted);
            }
            catch (JsonException ex)
            {
                return Results.BadRequest($"body is not an AdmissionReview: {ex.Message}");
            }
            if (review?.Request is null)
            {
                return Results.BadRequest("AdmissionReview has no request");
            }
            return Results.Json(handler.Handle(review));
        });
        return app;
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
