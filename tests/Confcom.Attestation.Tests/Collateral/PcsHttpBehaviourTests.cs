using Confcom.Attestation.Collateral;
using Confcom.Attestation.Tests.Verification;
using Microsoft.AspNetCore.Http;

namespace Confcom.Attestation.Tests.Collateral;

/// <summary>
/// How the PCS client behaves on the wire against a real Kestrel server misbehaving on purpose: an endless body, a
/// redirect to another origin with an API key, Retry-After, and whether the four requests go out together.
/// </summary>
public sealed class PcsHttpBehaviourTests
{
    private const string Fmspc = "00A067110000";
    private const string ApiKey = "test-subscription-key";
    private static readonly CollateralRequest Request = new(Fmspc, PckCaType.Processor, CollateralTee.Sgx);

    [Fact]
    public async Task AnEndlessChunkedBodyIsRefusedAtTheLimitWhileReading()
    {
        const long serverSafetyNet = 256L * 1024 * 1024;
        await using var server = await SamplePcsServer.StartAsync(Samples.SgxCollateral(), Fmspc, "sgx");
        long written = 0;
        server.Intercept = async context =>
        {
            if (!context.Request.Path.Value!.EndsWith("/pckcrl", StringComparison.Ordinal))
            {
                return false;
            }
            context.Response.Headers["SGX-PCK-CRL-Issuer-Chain"] = "chain";
            var chunk = new byte[64 * 1024];
            try
            {
                // No Content-Length: Kestrel sends this chunked, and only the client can stop it. Once the client has
                // gone, Kestrel drops further writes without an error, so the abort token ends the loop.
                while (!context.RequestAborted.IsCancellationRequested && Interlocked.Read(ref written) < serverSafetyNet)
                {
                    await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                    Interlocked.Add(ref written, chunk.Length);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException)
            {
            }
            return true;
        };
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var source = new PcsCollateralSource(http, new PcsCollateralSourceOptions { BaseAddress = server.BaseAddress, MaxResponseBytes = 1024 * 1024 });

        var ex = await Assert.ThrowsAsync<CollateralUnavailableException>(() => source.GetCollateralAsync(Request));

        Assert.Contains("pckcrl", ex.Message, StringComparison.Ordinal);
        Assert.Contains("larger than 1,048,576 bytes", ex.Message, StringComparison.Ordinal);
        // The client stopped reading at the limit: the server got no further than the limit plus socket buffers.
        Assert.True(Interlocked.Read(ref written) < 32L * 1024 * 1024, $"the server wrote {Interlocked.Read(ref written):N0} bytes before the client gave up");
    }

    [Fact]
    public async Task TheApiKeyNeverFollowsARedirectToAnotherOrigin()
    {
        await using var elsewhere = await SamplePcsServer.StartAsync(Samples.SgxCollateral(), Fmspc, "sgx");
        await using var pcs = await SamplePcsServer.StartAsync(Samples.SgxCollateral(), Fmspc, "sgx");
        pcs.Intercept = context => RedirectTcbInfo(context, elsewhere.BaseAddress);
        using var http = PcsCollateralSource.CreateHttpClient();
        var source = new PcsCollateralSource(http, new PcsCollateralSourceOptions { BaseAddress = pcs.BaseAddress, ApiKey = ApiKey });

        var fetched = await source.GetCollateralAsync(Request);

        Assert.Equal(Samples.SgxCollateral().TcbInfo, fetched.Collateral.TcbInfo);
        Assert.All(pcs.Seen, r => Assert.Equal(ApiKey, r.ApiKey));
        Assert.Contains(elsewhere.Seen, r => r.PathAndQuery.Contains("/tcb?", StringComparison.Ordinal));
        Assert.All(elsewhere.Seen, r => Assert.Null(r.ApiKey));
    }

    [Fact]
    public async Task AClientThatFollowedARedirectAcrossOriginsWithTheKeyIsRefused()
    {
        await using var elsewhere = await SamplePcsServer.StartAsync(Samples.SgxCollateral(), Fmspc, "sgx");
        await using var pcs = await SamplePcsServer.StartAsync(Samples.SgxCollateral(), Fmspc, "sgx");
        pcs.Intercept = context => RedirectTcbInfo(context, elsewhere.BaseAddress);
        using var autoRedirecting = new HttpClient();
        var source = new PcsCollateralSource(autoRedirecting, new PcsCollateralSourceOptions { BaseAddress = pcs.BaseAddress, ApiKey = ApiKey });

        var ex = await Assert.ThrowsAsync<CollateralUnavailableException>(() => source.GetCollateralAsync(Request));

        Assert.Contains(nameof(PcsCollateralSource.CreateHttpClient), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetryAfterOnA503IsWaitedForAndTheRequestRetried()
    {
        await using var pcs = await SamplePcsServer.StartAsync(Samples.SgxCollateral(), Fmspc, "sgx");
        var refused = 0;
        pcs.Intercept = context =>
        {
            if (!IsTcbInfo(context) || Interlocked.Exchange(ref refused, 1) == 1)
            {
                return Task.FromResult(false);
            }
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "1";
            return Task.FromResult(true);
        };
        var exchanges = new RecordingProgress();
        using var http = PcsCollateralSource.CreateHttpClient();
        var source = new PcsCollateralSource(http, new PcsCollateralSourceOptions { BaseAddress = pcs.BaseAddress, Progress = exchanges });

        await source.GetCollateralAsync(Request);

        Assert.Equal(2, pcs.Seen.Count(r => r.PathAndQuery.Contains("/tcb?", StringComparison.Ordinal)));
        Assert.Contains(exchanges.Reports, e => e.StatusCode == 503 && e.RetryAfter == TimeSpan.FromSeconds(1));
        Assert.Equal(4, exchanges.Reports.Count(e => e.StatusCode == 200));
    }

    [Fact]
    public async Task ARetryAfterBeyondTheBoundFailsAtOnceSayingSo()
    {
        await using var pcs = await SamplePcsServer.StartAsync(Samples.SgxCollateral(), Fmspc, "sgx");
        pcs.Intercept = context =>
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = "3600";
            return Task.FromResult(true);
        };
        using var http = PcsCollateralSource.CreateHttpClient();
        var source = new PcsCollateralSource(http, new PcsCollateralSourceOptions { BaseAddress = pcs.BaseAddress });

        var ex = await Assert.ThrowsAsync<CollateralUnavailableException>(() => source.GetCollateralAsync(Request));

        Assert.Contains("HTTP 429", ex.Message, StringComparison.Ordinal);
        Assert.Contains("retry after 3600 s", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheFourRequestsAreInFlightTogether()
    {
        await using var pcs = await SamplePcsServer.StartAsync(Samples.SgxCollateral(), Fmspc, "sgx");
        var arrived = 0;
        var allArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        pcs.Intercept = async context =>
        {
            if (Interlocked.Increment(ref arrived) == 4)
            {
                allArrived.TrySetResult();
            }
            // Each request is held until all four are in: requests sent one after another never get that far.
            try
            {
                await allArrived.Task.WaitAsync(TimeSpan.FromSeconds(20), context.RequestAborted);
                return false;
            }
            catch (TimeoutException)
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return true;
            }
        };
        using var http = PcsCollateralSource.CreateHttpClient();
        var source = new PcsCollateralSource(http, new PcsCollateralSourceOptions { BaseAddress = pcs.BaseAddress });

        var fetched = await source.GetCollateralAsync(Request);

        Assert.Equal(Samples.SgxCollateral().RootCaCrl, fetched.Collateral.RootCaCrl);
    }

    private static bool IsTcbInfo(HttpContext context) => context.Request.Path.Value!.EndsWith("/tcb", StringComparison.Ordinal);

    private static Task<bool> RedirectTcbInfo(HttpContext context, Uri target)
    {
        if (!IsTcbInfo(context))
        {
            return Task.FromResult(false);
        }
        context.Response.Redirect(new Uri(target, context.Request.Path.Value!.TrimStart('/') + context.Request.QueryString).ToString(), permanent: false, preserveMethod: true);
        return Task.FromResult(true);
    }

    private sealed class RecordingProgress : IProgress<PcsExchange>
    {
        private readonly List<PcsExchange> _reports = [];

        public IReadOnlyList<PcsExchange> Reports
        {
            get
            {
                lock (_reports)
                {
                    return [.. _reports];
                }
            }
        }

        public void Report(PcsExchange value)
        {
            lock (_reports)
            {
                _reports.Add(value);
            }
        }
    }
}
