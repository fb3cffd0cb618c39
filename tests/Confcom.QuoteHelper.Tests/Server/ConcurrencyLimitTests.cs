using Confcom.QuoteHelper.Tests.Support;
using Confcom.Testing;
using Confcom.Sgx.Structures;

namespace Confcom.QuoteHelper.Tests.Server;

public class ConcurrencyLimitTests
{
    private static readonly byte[] Key = SgxAttestationKeyId.DefaultEcdsaP256.ToArray();

    [Fact]
    public async Task A_backend_that_cannot_sign_concurrently_gets_one_quote_at_a_time()
    {
        var backend = new CannedQuotingEnclave { SupportsConcurrentQuotes = false, QuoteGate = _ => Task.Delay(5) };
        await using var server = await RunningServer.StartAsync(backend, o => o.MaxConcurrentQuotes = 8);
        await RunClientsAsync(server, backend, 12);
        Assert.Equal(1, backend.MaxConcurrentQuotesSeen);
    }

    [Fact]
    public async Task Parallel_signing_fills_exactly_the_configured_slots()
    {
        // Quotes block until 3 are inside at once; a fourth may never enter while they wait.
        var full = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        CannedQuotingEnclave? backend = null;
        backend = new CannedQuotingEnclave
        {
            SupportsConcurrentQuotes = true,
            QuoteGate = async ct =>
            {
                if (backend!.QuotesInside >= 3)
                {
                    full.TrySetResult();
                }
                await full.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
            },
        };
        await using var server = await RunningServer.StartAsync(backend, o => o.MaxConcurrentQuotes = 3);
        await RunClientsAsync(server, backend, 10);
        Assert.Equal(3, backend.MaxConcurrentQuotesSeen);
    }

    [Fact]
    public async Task Clients_beyond_a_full_listen_backlog_wait_and_are_served()
    {
        // One slot, backlog 1: while the first quote is held, later connects find the backlog full (EAGAIN on a
        // non-blocking connect). Intel's blocking connect would wait; our client retries until its deadline.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var backend = new CannedQuotingEnclave { QuoteGate = ct => release.Task.WaitAsync(ct) };
        await using var server = await RunningServer.StartAsync(backend, o =>
        {
            o.MaxConcurrentConnections = 1;
            o.ListenBacklog = 1;
        });
        var report = new byte[SgxReport.Size];
        var first = server.Client().GetQuoteExAsync(report, Key, null, (uint)backend.Quote.Length);
        using (var safetyNet = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (backend.QuotesInside == 0)
            {
                await Task.Delay(10, safetyNet.Token);
            }
        }
        var waiting = Enumerable.Range(0, 6).Select(_ => server.Client().GetSupportedAttKeyIdNumAsync()).ToArray();
        await Task.Delay(50);
        release.SetResult();
        Assert.Equal(0u, (await first).ErrorCode);
        Assert.All(await Task.WhenAll(waiting), r => Assert.Equal(0u, r.ErrorCode));
    }

    private static async Task RunClientsAsync(RunningServer server, CannedQuotingEnclave backend, int count)
    {
        var report = new byte[SgxReport.Size];
        var results = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => Task.Run(() =>
            server.Client().GetQuoteExAsync(report, Key, null, (uint)backend.Quote.Length))));
        Assert.All(results, r => Assert.Equal(0u, r.ErrorCode));
    }
}
