using Confcom.Aesm.Protocol;
using Confcom.Aesm.Quoting;
using Confcom.QuoteHelper.Tests.Support;
using Confcom.Testing;
using Confcom.Sgx.Structures;
using Google.Protobuf;

namespace Confcom.QuoteHelper.Tests.Server;

/// <summary>
/// Hostile and broken clients: each case gets its documented outcome (closed without a reply and counted under
/// confcom_aesm_rejected_frames_total{reason}, or a typed error reply), and a normal request succeeds afterwards.
/// </summary>
public class RobustnessTests
{
    private static readonly byte[] Key = SgxAttestationKeyId.DefaultEcdsaP256.ToArray();

    [Theory]
    [InlineData("06 00", "truncated")]                         // half a length prefix
    [InlineData("06000000 aa01", "truncated")]                 // length says 6, 2 bytes follow
    [InlineData("00000000", "empty")]                          // length 0
    [InlineData("03000000 ffffff", "not_protobuf")]            // garbage body
    [InlineData("02000000 a201", "not_protobuf")]              // a tag without its length
    [InlineData("03000000 f00101", "unrecognised")]            // only an unknown field (30)
    [InlineData("03000000 a201 00", "unrecognised")]           // field 20 is a response type, not a request
    public async Task Bad_frames_are_closed_without_reply_and_counted(string hex, string reason)
    {
        await using var server = await RunningServer.StartAsync(new CannedQuotingEnclave());
        using (var connection = await RawConnection.ConnectAsync(server.SocketPath))
        {
            await connection.SendAsync(Hex.Parse(hex));
            connection.Socket.Shutdown(System.Net.Sockets.SocketShutdown.Send);
            Assert.Empty(await connection.ReadToEndAsync());
        }
        await AssertStillServingAsync(server);
        Assert.Equal(1, await server.MetricAsync($"confcom_aesm_rejected_frames_total{{reason=\"{reason}\"}}"));
    }

    [Fact]
    public async Task Length_over_the_cap_is_refused_without_waiting_for_the_body()
    {
        await using var server = await RunningServer.StartAsync(new CannedQuotingEnclave(), o => o.MaxRequestBytes = 4096);
        using (var connection = await RawConnection.ConnectAsync(server.SocketPath))
        {
            // Claims 4097 bytes and sends none: the server must close on the prefix alone.
            await connection.SendAsync(Hex.Parse("01100000"));
            Assert.Empty(await connection.ReadToEndAsync());
        }
        using (var connection = await RawConnection.ConnectAsync(server.SocketPath))
        {
            await connection.SendAsync(Hex.Parse("ffffffff"));
            Assert.Empty(await connection.ReadToEndAsync());
        }
        await AssertStillServingAsync(server);
        Assert.Equal(2, await server.MetricAsync("confcom_aesm_rejected_frames_total{reason=\"too_large\"}"));
    }

    [Fact]
    public async Task A_client_that_sends_nothing_is_dropped_at_the_deadline()
    {
        await using var server = await RunningServer.StartAsync(new CannedQuotingEnclave(), o => o.ClientRequestTimeout = TimeSpan.FromMilliseconds(200));
        using (var connection = await RawConnection.ConnectAsync(server.SocketPath))
        {
            await connection.SendAsync(Hex.Parse("06000000 aa01"));
            Assert.Empty(await connection.ReadToEndAsync());
        }
        await AssertStillServingAsync(server);
        Assert.Equal(1, await server.MetricAsync("confcom_aesm_rejected_frames_total{reason=\"timeout\"}"));
    }

    [Fact]
    public async Task A_client_that_never_reads_its_large_reply_is_dropped_and_frees_its_slot()
    {
        // One connection slot only: if the stuck client kept it, the follow-up request could never be served.
        var backend = new CannedQuotingEnclave();
        await using var server = await RunningServer.StartAsync(backend, o =>
        {
            o.MaxConcurrentConnections = 1;
            o.ClientRequestTimeout = TimeSpan.FromMilliseconds(300);
        });
        using var stuck = await RawConnection.ConnectAsync(server.SocketPath);
        stuck.Socket.ReceiveBufferSize = 4096;
        var request = new Confcom.Aesm.Protocol.Messages.Request
        {
            GetQuoteExReq = new() { Report = ByteString.CopyFrom(new byte[SgxReport.Size]), AttKeyId = ByteString.CopyFrom(Key), BufSize = 1024 * 1024 },
        };
        await stuck.SendAsync(AesmFrame.Encode(request));
        await AssertStillServingAsync(server);
        Assert.Equal(1, await server.MetricAsync("confcom_aesm_rejected_frames_total{reason=\"reply_timeout\"}"));
    }

    [Fact]
    public async Task Connect_and_close_is_harmless()
    {
        await using var server = await RunningServer.StartAsync(new CannedQuotingEnclave());
        for (var i = 0; i < 5; i++)
        {
            using var connection = await RawConnection.ConnectAsync(server.SocketPath);
        }
        await AssertStillServingAsync(server);
    }

    [Fact]
    public async Task Missing_required_field_gets_unexpected_error_of_the_matching_type()
    {
        await using var server = await RunningServer.StartAsync(new CannedQuotingEnclave());
        // GetQuoteExRequest without report; InitQuoteExRequest without b_pub_key_id; GetSupportedAttKeyIDsRequest without buf_size.
        var quote = await server.Client().TransactAsync(new() { GetQuoteExReq = new() { AttKeyId = ByteString.CopyFrom(Key), BufSize = 4096 } });
        Assert.Equal((uint)AesmError.UnexpectedError, quote!.GetQuoteExRes.ErrorCode);
        var init = await server.Client().TransactAsync(new() { InitQuoteExReq = new() { AttKeyId = ByteString.CopyFrom(Key) } });
        Assert.Equal((uint)AesmError.UnexpectedError, init!.InitQuoteExRes.ErrorCode);
        var ids = await server.Client().TransactAsync(new() { GetSupportedAttKeyIDsReq = new() });
        Assert.Equal((uint)AesmError.UnexpectedError, ids!.GetSupportedAttKeyIDsRes.ErrorCode);
    }

    [Fact]
    public async Task Legacy_EPID_and_launch_requests_are_answered_service_unavailable_in_their_own_type()
    {
        await using var server = await RunningServer.StartAsync(new CannedQuotingEnclave());
        var client = server.Client();
        Assert.Equal(30u, (await client.TransactAsync(new() { InitQuoteReq = new() }))!.InitQuoteRes.ErrorCode);
        Assert.Equal(30u, (await client.TransactAsync(new()
        {
            GetLicTokenReq = new() { MrEnclave = ByteString.CopyFrom(new byte[32]), MrSigner = ByteString.CopyFrom(new byte[32]), SeAttributes = ByteString.CopyFrom(new byte[16]) },
        }))!.GetLicTokenRes.ErrorCode);
        Assert.Equal(30u, (await client.TransactAsync(new() { GetWhiteListSizeReq = new() }))!.GetWhiteListSizeRes.ErrorCode);
        Assert.Equal(30u, (await client.TransactAsync(new() { SgxGetExtendedEpidGroupIdReq = new() }))!.SgxGetExtendedEpidGroupIdRes.ErrorCode);
        Assert.Equal(30u, (await client.TransactAsync(new() { CheckUpdateStatusReq = new() { UpdateInfoSize = 0, Config = 0 } }))!.CheckUpdateStatusRes.ErrorCode);
    }

    [Fact]
    public async Task A_client_that_leaves_while_its_quote_is_signed_does_not_disturb_the_service()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var backend = new CannedQuotingEnclave { QuoteGate = ct => release.Task.WaitAsync(ct) };
        await using var server = await RunningServer.StartAsync(backend);
        using (var connection = await RawConnection.ConnectAsync(server.SocketPath))
        {
            var request = new Confcom.Aesm.Protocol.Messages.Request
            {
                GetQuoteExReq = new() { Report = ByteString.CopyFrom(new byte[SgxReport.Size]), AttKeyId = ByteString.CopyFrom(Key), BufSize = 4096 },
            };
            await connection.SendAsync(AesmFrame.Encode(request));
            await WaitUntilAsync(() => backend.QuotesInside == 1);
        }
        release.SetResult();
        await WaitUntilAsync(() => backend.QuotesGenerated == 1);
        await AssertStillServingAsync(server);
    }

    [Fact]
    public async Task Two_hundred_concurrent_clients_all_get_their_quote()
    {
        var backend = new CannedQuotingEnclave();
        await using var server = await RunningServer.StartAsync(backend, o => o.MaxConcurrentConnections = 64);
        var report = new byte[SgxReport.Size];
        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() =>
            server.Client().GetQuoteExAsync(report, Key, null, (uint)backend.Quote.Length))));
        Assert.All(results, r =>
        {
            Assert.Equal(0u, r.ErrorCode);
            Assert.Equal(backend.Quote, r.Quote);
        });
        Assert.Equal(200, backend.QuotesGenerated);
        // The server closes its side just after the client has read the reply, so the gauge settles a moment later.
        using var safetyNet = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await server.MetricAsync("confcom_aesm_active_connections") != 0)
        {
            await Task.Delay(10, safetyNet.Token);
        }
    }

    private static async Task AssertStillServingAsync(RunningServer server)
    {
        var result = await server.Client().GetSupportedAttKeyIdNumAsync();
        Assert.Equal((0u, (uint?)1u), (result.ErrorCode, result.AttKeyIdNum));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var safetyNet = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(10, safetyNet.Token);
        }
    }
}
