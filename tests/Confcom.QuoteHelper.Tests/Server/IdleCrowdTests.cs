using Confcom.Aesm.Client;
using Confcom.QuoteHelper.Tests.Support;
using Confcom.Sgx.Structures;
using Confcom.Testing;

namespace Confcom.QuoteHelper.Tests.Server;

/// <summary>
/// Denial of service by idle connections: the socket is 0777, so any local process can open connections, send a
/// partial frame and wait, or drip a byte at a time. Real clients must keep getting quotes before Intel's 15 s client
/// deadline (the <see cref="AesmClient"/> default used here). The 1,000-connection case needs about 2,100 descriptors
/// in this process (both ends of every connection); the .NET runtime raises the soft open-file limit to the hard limit
/// at start, and the test says so if the hard limit is too low.
/// </summary>
public class IdleCrowdTests
{
    private static readonly byte[] Key = SgxAttestationKeyId.DefaultEcdsaP256.ToArray();

    [Fact]
    public async Task Quotes_complete_while_130_connections_sit_on_a_partial_frame_with_the_default_settings()
    {
        // The reported attack: about 130 connections, each a partial frame, then nothing.
        var backend = new CannedQuotingEnclave();
        await using var server = await RunningServer.StartAsync(backend);
        await using var crowd = new IdleCrowd();
        await crowd.AddIdleAsync(server.SocketPath, 130);

        var client = new AesmClient(server.SocketPath);
        for (var i = 0; i < 5; i++)
        {
            var quote = await client.GetQuoteExAsync(new byte[SgxReport.Size], Key, null, (uint)backend.Quote.Length);
            Assert.Equal(0u, quote.ErrorCode);
        }
    }

    [Fact]
    public async Task Accepting_does_not_wait_for_an_idle_connection_holding_the_last_slot()
    {
        var backend = new CannedQuotingEnclave();
        await using var server = await RunningServer.StartAsync(backend, o => o.MaxConcurrentConnections = 1);
        await using var crowd = new IdleCrowd();
        await crowd.AddIdleAsync(server.SocketPath, 1);

        var quote = await new AesmClient(server.SocketPath).GetQuoteExAsync(new byte[SgxReport.Size], Key, null, (uint)backend.Quote.Length);

        Assert.Equal(0u, quote.ErrorCode);
        Assert.True(IdleCrowd.ClosedByServer(crowd.Sockets[0]));
        Assert.Equal(1, await server.MetricAsync("confcom_aesm_rejected_frames_total{reason=\"evicted\"}"));
    }

    [Fact]
    public async Task A_connection_that_sends_nothing_is_dropped_for_a_newcomer_once_its_grace_is_over()
    {
        // Silent connections are spared briefly (a real client may be between connect and write), then dropped.
        var backend = new CannedQuotingEnclave();
        await using var server = await RunningServer.StartAsync(backend, o =>
        {
            o.MaxConcurrentConnections = 1;
            o.ClientRequestTimeout = TimeSpan.FromMinutes(10);
        });
        using var silent = await RawConnection.ConnectAsync(server.SocketPath);

        var quote = await new AesmClient(server.SocketPath).GetQuoteExAsync(new byte[SgxReport.Size], Key, null, (uint)backend.Quote.Length);

        Assert.Equal(0u, quote.ErrorCode);
        Assert.True(IdleCrowd.ClosedByServer(silent.Socket));
    }

    [Fact]
    public async Task Quotes_keep_flowing_while_a_thousand_idle_and_dripping_connections_stay_open()
    {
        RequireDescriptors(2200);
        var backend = new CannedQuotingEnclave();
        // A deadline far beyond the test, so the crowd really is open while the quotes are served.
        await using var server = await RunningServer.StartAsync(backend, o => o.ClientRequestTimeout = TimeSpan.FromMinutes(10));
        await using var crowd = new IdleCrowd();
        await crowd.AddIdleAsync(server.SocketPath, 900);
        await crowd.AddDrippingAsync(server.SocketPath, 100, TimeSpan.FromMilliseconds(300));
        await WaitUntilAsync(() => server.Server.OpenConnectionCount >= 1000);

        // Four callers at a time: with the default limit of 1,024 there is room for them next to the crowd.
        var client = new AesmClient(server.SocketPath);
        for (var round = 0; round < 10; round++)
        {
            var quotes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
                client.GetQuoteExAsync(new byte[SgxReport.Size], Key, null, (uint)backend.Quote.Length)));
            Assert.All(quotes, q => Assert.Equal(0u, q.ErrorCode));
        }

        Assert.True(server.Server.OpenConnectionCount >= 1000, $"only {server.Server.OpenConnectionCount} connections open");
        Assert.DoesNotContain(crowd.Sockets, IdleCrowd.ClosedByServer);
    }

    [Fact]
    public async Task At_the_limit_the_oldest_idle_connections_are_dropped_first()
    {
        var backend = new CannedQuotingEnclave();
        await using var server = await RunningServer.StartAsync(backend, o =>
        {
            o.MaxConcurrentConnections = 20;
            o.ClientRequestTimeout = TimeSpan.FromMinutes(10);
        });
        await using var crowd = new IdleCrowd();
        await crowd.AddIdleAsync(server.SocketPath, 20);
        await WaitUntilAsync(() => server.Server.WaitingConnectionCount == 20);
        for (var i = 1; i <= 10; i++)
        {
            await crowd.AddIdleAsync(server.SocketPath, 1);
            var evicted = i;
            await WaitUntilAsync(() => server.Server.WaitingConnectionCount == 20
                && server.MetricAsync("confcom_aesm_rejected_frames_total{reason=\"evicted\"}").Result == evicted);
        }

        Assert.All(crowd.Sockets.Take(10), s => Assert.True(IdleCrowd.ClosedByServer(s)));
        Assert.All(crowd.Sockets.Skip(10), s => Assert.False(IdleCrowd.ClosedByServer(s)));
        var quote = await new AesmClient(server.SocketPath).GetQuoteExAsync(new byte[SgxReport.Size], Key, null, (uint)backend.Quote.Length);
        Assert.Equal(0u, quote.ErrorCode);
    }

    [Fact]
    public async Task A_dripping_client_is_dropped_at_its_whole_request_deadline()
    {
        await using var server = await RunningServer.StartAsync(new CannedQuotingEnclave(), o => o.ClientRequestTimeout = TimeSpan.FromMilliseconds(500));
        await using var crowd = new IdleCrowd();
        // One byte every 50 ms of a 1,004-byte frame would take 50 s; every byte resets nothing.
        await crowd.AddDrippingAsync(server.SocketPath, 1, TimeSpan.FromMilliseconds(50));

        await WaitUntilAsync(() => server.MetricAsync("confcom_aesm_rejected_frames_total{reason=\"timeout\"}").Result == 1);
        await WaitUntilAsync(() => IdleCrowd.ClosedByServer(crowd.Sockets[0]));
    }

    [Fact]
    public async Task A_burst_of_real_clients_beyond_the_limit_is_served_not_dropped()
    {
        // Real clients send at once; those the server has not read yet are never taken for idle ones.
        var backend = new CannedQuotingEnclave();
        await using var server = await RunningServer.StartAsync(backend, o => o.MaxConcurrentConnections = 8);
        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() =>
            server.Client().GetQuoteExAsync(new byte[SgxReport.Size], Key, null, (uint)backend.Quote.Length))));
        Assert.All(results, r => Assert.Equal(0u, r.ErrorCode));
        Assert.Equal(0, await server.MetricAsync("confcom_aesm_rejected_frames_total{reason=\"evicted\"}"));
    }

    private static void RequireDescriptors(int needed)
    {
        var line = File.ReadLines("/proc/self/limits").First(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        var soft = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3];
        Assert.True(soft == "unlimited" || long.Parse(soft, System.Globalization.CultureInfo.InvariantCulture) >= needed,
            $"this test needs {needed} open files; the limit is {soft} (raise the hard limit: ulimit -Hn)");
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var safetyNet = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!condition())
        {
            await Task.Delay(10, safetyNet.Token);
        }
    }
}
