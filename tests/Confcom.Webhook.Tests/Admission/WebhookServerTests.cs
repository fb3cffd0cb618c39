using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Confcom.Webhook.Admission;
using Confcom.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Confcom.Webhook.Tests.Admission;

public sealed class WebhookServerTests : IAsyncLifetime
{
    private const string ReviewJson = """
    {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview",
     "request":{"uid":"705ab4f5-6393-11e8-b7cc-42010a800002","operation":"CREATE","namespace":"default","name":"attest",
      "object":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"attest"},
        "spec":{"containers":[{"name":"app","image":"a","resources":{"limits":{"kubernetes.azure.com/sgx_epc_mem_in_MiB":"10"}}}]}}}}
    """;

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "cc-webhook-" + Guid.NewGuid().ToString("N")[..8]);
    private IHost? _app;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            _app.Dispose();
        }
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task ApiServerStyleReviewOverTlsGetsAJsonPatchForTheSameUid()
    {
        using var certificate = CreateServerCertificate();
        var certPath = Path.Combine(_dir, "tls.crt");
        var keyPath = Path.Combine(_dir, "tls.key");
        await File.WriteAllTextAsync(certPath, certificate.ExportCertificatePem());
        using (var key = certificate.GetECDsaPrivateKey()!)
        {
            await File.WriteAllTextAsync(keyPath, key.ExportPkcs8PrivateKeyPem());
        }
        var baseAddress = await StartAsync(new WebhookOptions { ListenUrl = "https://127.0.0.1:0", TlsCertificatePath = certPath, TlsKeyPath = keyPath });

        using var handler = new HttpClientHandler
        {
            // Trust exactly the certificate the server was given, as the API server does with caBundle.
            ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented is not null && presented.RawData.AsSpan().SequenceEqual(certificate.RawData),
        };
        using var client = new HttpClient(handler) { BaseAddress = baseAddress };
        using var response = await client.PostAsync(WebhookEndpointRouteBuilderExtensions.MutatePath, new StringContent(ReviewJson, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var review = await response.Content.ReadFromJsonAsync<AdmissionReview>();
        Assert.NotNull(review?.Response);
        Assert.Equal("705ab4f5-6393-11e8-b7cc-42010a800002", review.Response.Uid);
        Assert.True(review.Response.Allowed);
        Assert.Equal("JSONPatch", review.Response.PatchType);
        using var patch = JsonDocument.Parse(Convert.FromBase64String(review.Response.Patch!));
        Assert.Contains(patch.RootElement.EnumerateArray(), op => op.GetProperty("path").GetString() == "/spec/volumes");
    }

    [Fact]
    public async Task BodyThatIsNotAnAdmissionReviewIsA400WithTheReason()
    {
        var baseAddress = await StartAsync(new WebhookOptions { ListenUrl = "http://127.0.0.1:0" });
        using var client = new HttpClient { BaseAddress = baseAddress };

        using var response = await client.PostAsync(WebhookEndpointRouteBuilderExtensions.MutatePath, new StringContent("{\"kind\":", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("AdmissionReview", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void HttpsWithoutCertificateFilesFailsAtStartNamingTheFlags()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Build(new WebhookOptions { ListenUrl = "https://127.0.0.1:0" }));
        Assert.Contains("--tls-cert", ex.Message);
    }

    private async Task<Uri> StartAsync(WebhookOptions options)
    {
        _app = Build(options);
        await _app.StartAsync();
        return DaemonHost.BoundAddresses(_app).Single();
    }

    /// <summary>The webhook composed as <c>confcom webhook</c> composes it.</summary>
    private static IHost Build(WebhookOptions options)
    {
        var builder = DaemonHost.CreateBuilder(new DaemonHostOptions { ServesHttp = true, Loggers = NullLoggerFactory.Instance });
        builder.Services.AddAdmissionWebhook(o =>
        {
            o.ListenUrl = options.ListenUrl;
            o.TlsCertificatePath = options.TlsCertificatePath;
            o.TlsKeyPath = options.TlsKeyPath;
        });
        builder.Listen(options.ListenUrl, listen =>
        {
            if (options.IsHttps())
            {
                listen.UseWebhookCertificate(options);
            }
        });
        builder.Map(endpoints => endpoints.MapAdmissionWebhook());
        return builder.Build();
    }

    private static X509Certificate2 CreateServerCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=confcom-webhook.kube-system.svc", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }
}
