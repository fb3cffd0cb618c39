using System.Net;
using System.Text;
using System.Text.Json;
using Confcom.Hosting;
using Confcom.Webhook.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Confcom.Webhook.Tests.Admission;

/// <summary>The webhook composed as <c>confcom webhook</c> composes it, called over HTTP(S) as the API server calls it.</summary>
public sealed class WebhookServerTests : IAsyncLifetime
{
    private IHost? _app;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            _app.Dispose();
        }
    }

    [Fact]
    public async Task ApiServerStyleReviewOverTlsGetsAJsonPatchForTheSameUid()
    {
        using var ca = new TestCertificates("cluster");
        using var secret = new SecretVolume();
        using var leaf = ca.IssueServing();
        secret.Publish(leaf, ca.Authority);
        var baseAddress = await StartAsync(new WebhookOptions { ListenUrl = "https://127.0.0.1:0", TlsCertificatePath = secret.CertificatePath, TlsKeyPath = secret.KeyPath });

        using var handler = new HttpClientHandler
        {
            // Trust exactly the CA the API server got in caBundle.
            ServerCertificateCustomValidationCallback = (_, presented, _, _) => ca.Trusts(presented),
        };
        using var client = new HttpClient(handler) { BaseAddress = baseAddress };
        using var response = await client.PostAsync(WebhookEndpointRouteBuilderExtensions.MutatePath, Json(Reviews.Pod()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var review = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("admission.k8s.io/v1", review.RootElement.GetProperty("apiVersion").GetString());
        Assert.Equal("AdmissionReview", review.RootElement.GetProperty("kind").GetString());
        var answer = review.RootElement.GetProperty("response");
        Assert.Equal(Reviews.Uid, answer.GetProperty("uid").GetString());
        Assert.True(answer.GetProperty("allowed").GetBoolean());
        Assert.Equal("JSONPatch", answer.GetProperty("patchType").GetString());
        using var patch = JsonDocument.Parse(Convert.FromBase64String(answer.GetProperty("patch").GetString()!));
        Assert.Contains(patch.RootElement.EnumerateArray(), op => op.GetProperty("path").GetString() == "/spec/volumes");
    }

    [Theory]
    [InlineData("\"banana\"", "is not a Kubernetes quantity")]
    [InlineData("{\"value\":10}", "is not a Kubernetes quantity")]
    public async Task AMalformedQuantityIsAllowedUnpatchedWithAWarningNotA500(string quantity, string warning)
    {
        var answer = await AdmitAsync(Reviews.Pod(quantity: quantity));

        Assert.True(answer.GetProperty("allowed").GetBoolean());
        Assert.False(answer.TryGetProperty("patch", out _));
        var text = Assert.Single(answer.GetProperty("warnings").EnumerateArray()).GetString()!;
        Assert.StartsWith("confcom: pod not wired to the SGX quote helper: spec.containers[0].resources.limits[kubernetes.azure.com/sgx_epc_mem_in_MiB]", text, StringComparison.Ordinal);
        Assert.Contains(warning, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"1e400\"")]
    [InlineData("1e400")]
    public async Task AHugeButValidQuantityIsWiredNotA500(string quantity)
    {
        var answer = await AdmitAsync(Reviews.Pod(quantity: quantity));

        Assert.True(answer.GetProperty("allowed").GetBoolean());
        Assert.Equal("JSONPatch", answer.GetProperty("patchType").GetString());
    }

    [Theory]
    [InlineData("admission.k8s.io/v1beta1", "AdmissionReview")]
    [InlineData("admission.k8s.io/v1", "ConversionReview")]
    [InlineData(null, null)]
    public async Task AnEnvelopeThatIsNotAV1AdmissionReviewIsRefusedWithTheReason(string? apiVersion, string? kind)
    {
        using var response = await PostAsync(Reviews.Pod(apiVersion: apiVersion, kind: kind));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("expected apiVersion admission.k8s.io/v1, kind AdmissionReview; got", body, StringComparison.Ordinal);
        Assert.Single(body.Trim().Split('\n'));
    }

    [Theory]
    [InlineData("\"kind\":{\"group\":\"apps\",\"version\":\"v1\",\"kind\":\"Deployment\"}", "not apps/v1/Deployment")]
    [InlineData("\"operation\":\"UPDATE\"", "only CREATE is wired")]
    public async Task ARequestThatIsNotAPodCreateIsAllowedUnpatchedWithAWarning(string field, string warning)
    {
        var answer = await AdmitAsync(Reviews.Pod(extraRequestField: field));

        Assert.True(answer.GetProperty("allowed").GetBoolean());
        Assert.False(answer.TryGetProperty("patch", out _));
        Assert.Contains(warning, Assert.Single(answer.GetProperty("warnings").EnumerateArray()).GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnObjectThatIsNotAPodIsNotPatchedEvenWithEpcLimits()
    {
        var answer = await AdmitAsync(Reviews.Pod(objectKind: "ReplicaSet"));

        Assert.False(answer.TryGetProperty("patch", out _));
        Assert.Contains("the object is not a v1 Pod", Assert.Single(answer.GetProperty("warnings").EnumerateArray()).GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"kind\":")]
    [InlineData("[]")]
    [InlineData("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\"}")]
    public async Task BodyThatIsNotAnAdmissionReviewIsA400WithTheReason(string body)
    {
        using var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Single((await response.Content.ReadAsStringAsync()).Trim().Split('\n'));
    }

    [Fact]
    public async Task ThePodTheApiServerCanSendAt3MiBIsAdmitted()
    {
        // request.object is at most 3 MiB (the API server's MaxRequestBodyBytes); a pod that size is answered.
        var answer = await AdmitAsync(Reviews.Pod(annotationBytes: 3 * 1024 * 1024 - 4096));

        Assert.Equal("JSONPatch", answer.GetProperty("patchType").GetString());
    }

    [Fact]
    public void HttpsWithoutCertificateFilesFailsAtStartNamingTheFlags()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Build(new WebhookOptions { ListenUrl = "https://127.0.0.1:0" }));
        Assert.Contains("--tls-cert", ex.Message, StringComparison.Ordinal);
    }

    private async Task<JsonElement> AdmitAsync(string review)
    {
        using var response = await PostAsync(review);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        using var document = JsonDocument.Parse(body);
        var answer = document.RootElement.GetProperty("response").Clone();
        Assert.Equal(Reviews.Uid, answer.GetProperty("uid").GetString());
        return answer;
    }

    private async Task<HttpResponseMessage> PostAsync(string body)
    {
        var baseAddress = await StartAsync(new WebhookOptions { ListenUrl = "http://127.0.0.1:0" });
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        return await client.PostAsync(WebhookEndpointRouteBuilderExtensions.MutatePath, Json(body));
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private async Task<Uri> StartAsync(WebhookOptions options)
    {
        _app = Build(options);
        await _app.StartAsync();
        return DaemonHost.BoundAddresses(_app).Single();
    }

    /// <summary>The webhook composed as <c>confcom webhook</c> composes it.</summary>
    internal static IHost Build(WebhookOptions options)
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
}
