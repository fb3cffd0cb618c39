using Confcom.Aesm.Tests.Support;
using Confcom.Sgx.Structures;

namespace Confcom.Aesm.Tests.Server;

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

    private static async Task RunClientsAsync(RunningServer server, CannedQuotingEnclave backend, int count)
    {
        var report = new byte[SgxReport.Size];
        var results = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => Task.Run(() =>
            server.Client().GetQuoteExAsync(report, Key, null, (uint)backend.Quote.Length))));
        Assert.All(results, r => Assert.Equal(0u, r.ErrorCode));
    }
}
