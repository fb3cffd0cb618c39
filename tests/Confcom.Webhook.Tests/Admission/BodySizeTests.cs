using System.Net;
using System.Text;
using Confcom.Hosting;
using Confcom.Webhook.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Confcom.Webhook.Tests.Admission;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationMeasuringCollection
{
    /// <summary>Alone, so that the process-wide allocation counter measures this request only.</summary>
    public const string Name = "allocation measuring";
}

/// <summary>
/// The API server sends at most ~7 MiB (request.object and oldObject are each capped at 3 MiB by its
/// MaxRequestBodyBytes); anything larger is refused with 413 while it is read, so a 25 MB body costs neither 25 MB
/// nor hundreds of MB of parsed objects.
/// </summary>
[Collection(AllocationMeasuringCollection.Name)]
public sealed class BodySizeTests
{
    private const int HugeBytes = 25 * 1000 * 1000;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_25_MB_review_is_refused_with_413_without_buffering_it(bool withContentLength)
    {
        using var app = WebhookServerTests.Build(new WebhookOptions { ListenUrl = "http://127.0.0.1:0" });
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = DaemonHost.BoundAddresses(app).Single(), Timeout = TimeSpan.FromSeconds(60) };
        // Warm up the route, so the measurement below is the big request alone.
        using (await client.PostAsync(WebhookEndpointRouteBuilderExtensions.MutatePath, new StringContent(Reviews.Pod(), Encoding.UTF8, "application/json")))
        {
        }

        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        HttpStatusCode? status = null;
        try
        {
            using var response = await client.PostAsync(WebhookEndpointRouteBuilderExtensions.MutatePath, new HugeReviewContent(HugeBytes, withContentLength));
            status = response.StatusCode;
        }
        catch (HttpRequestException)
        {
            // The server may close the connection while the client is still uploading; the allocation below still counts.
        }
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        if (status is not null)
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        }
        Assert.True(allocated < 24 * 1024 * 1024, $"{allocated:N0} bytes allocated for a refused {HugeBytes:N0}-byte body");
        await app.StopAsync();
    }

    /// <summary>A valid-looking AdmissionReview with one enormous annotation, generated while it is sent (the client holds 64 KiB).</summary>
    private sealed class HugeReviewContent(int size, bool withLength) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var head = Encoding.UTF8.GetBytes($"{{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{{\"uid\":\"{Reviews.Uid}\",\"object\":{{\"metadata\":{{\"annotations\":{{\"a\":\"");
            var tail = "\"}}}}}"u8.ToArray();
            await stream.WriteAsync(head);
            var chunk = new byte[64 * 1024];
            Array.Fill(chunk, (byte)'x');
            for (var left = size - head.Length - tail.Length; left > 0; left -= chunk.Length)
            {
                await stream.WriteAsync(chunk.AsMemory(0, Math.Min(chunk.Length, left)));
            }
            await stream.WriteAsync(tail);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = size;
            return withLength;
        }
    }
}
