using System.Text;
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
        await using var server = await EndlessPckCrlServer.StartAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var source = new PcsCollateralSource(http, new PcsCollateralSourceOptions { BaseAddress = server.BaseAddress, MaxResponseBytes = 1024 * 1024 });

        var ex = await Assert.ThrowsAsync<CollateralUnavailableException>(() => source.GetCollateralAsync(Request));

        Assert.Contains("pckcrl", ex.Message, StringComparison.Ordinal);
        Assert.Contains("larger than 1,048,576 bytes", ex.Message, StringComparison.Ordinal);
        // The client stopped reading at the limit and closed the connection: the server got no further than the
        // limit plus socket buffers (a client that buffers everything takes all of the server's 256 MiB).
        var written = await server.BodyEnded;
        Assert.True(written < 32L * 1024 * 1024, $"the server wrote {written:N0} bytes before the client gave up");
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

    /// <summary>
    /// A raw HTTP/1.1 server whose PCK CRL never ends (chunked, 64 KiB chunks, up to a 256 MiB safety net) and whose
    /// other endpoints never answer. Raw sockets, not Kestrel: Kestrel drops writes after the client has gone without
    /// an error, so only a socket's own send failure tells how far the client really read.
    /// </summary>
    private sealed class EndlessPckCrlServer : IAsyncDisposable
    {
        private const long SafetyNet = 256L * 1024 * 1024;
        private readonly System.Net.Sockets.TcpListener _listener = new(System.Net.IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly TaskCompletionSource<long> _bodyEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private Task _accepting = Task.CompletedTask;

        public Uri BaseAddress => new($"http://127.0.0.1:{((System.Net.IPEndPoint)_listener.LocalEndpoint).Port}/");

        /// <summary>How many body bytes the PCK CRL response got into the socket before the client closed it.</summary>
        public Task<long> BodyEnded => _bodyEnded.Task.WaitAsync(TimeSpan.FromSeconds(30));

        public static Task<EndlessPckCrlServer> StartAsync()
        {
            var server = new EndlessPckCrlServer();
            server._listener.Start();
            server._accepting = server.AcceptAsync();
            return Task.FromResult(server);
        }

        private async Task AcceptAsync()
        {
            var connections = new List<Task>();
            try
            {
                while (true)
                {
                    var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    connections.Add(ServeAsync(client));
                }
            }
            catch (OperationCanceledException)
            {
            }
            await Task.WhenAll(connections);
        }

        private async Task ServeAsync(System.Net.Sockets.TcpClient client)
        {
            using (client)
            {
                var stream = client.GetStream();
                var head = new StringBuilder();
                var buffer = new byte[4096];
                try
                {
                    while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                    {
                        var read = await stream.ReadAsync(buffer, _stop.Token);
                        if (read == 0)
                        {
                            return;
                        }
                        head.Append(Encoding.ASCII.GetString(buffer, 0, read));
                    }
                    if (!head.ToString().Contains("/pckcrl", StringComparison.Ordinal))
                    {
                        await Task.Delay(Timeout.Infinite, _stop.Token);
                        return;
                    }
                    await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nSGX-PCK-CRL-Issuer-Chain: chain\r\n\r\n"), _stop.Token);
                    var chunk = Encoding.ASCII.GetBytes("10000\r\n").Concat(new byte[0x10000]).Concat(Encoding.ASCII.GetBytes("\r\n")).ToArray();
                    long written = 0;
                    try
                    {
                        while (written < SafetyNet)
                        {
                            await stream.WriteAsync(chunk, _stop.Token);
                            written += 0x10000;
                        }
                    }
                    finally
                    {
                        _bodyEnded.TrySetResult(written);
                    }
                }
                catch (Exception ex) when (ex is IOException or OperationCanceledException or System.Net.Sockets.SocketException)
                {
                    // The client closed the connection (what the test waits for), or the test is over.
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            await _accepting;
            _stop.Dispose();
        }
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
