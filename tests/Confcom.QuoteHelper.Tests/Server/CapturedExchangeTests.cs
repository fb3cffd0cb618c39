using Confcom.Aesm.Quoting;
using Confcom.QuoteHelper.Tests.Support;
using Confcom.Testing;
using Confcom.Sgx.Structures;

namespace Confcom.QuoteHelper.Tests.Server;

/// <summary>
/// Intel's captured request frames, sent byte for byte to our server over a real socket; the replies must be the
/// bytes Intel's client was captured accepting (with our backend's data where the capture had canned data).
/// </summary>
public class CapturedExchangeTests
{
    private static readonly byte[] Report = Deterministic(SgxReport.Size, 3);
    private static readonly byte[] Info = Deterministic(SgxQeReportInfo.Size, 4);

    private static CannedQuotingEnclave Backend() => new() { Quote = Deterministic(WireVectors.CapturedQuoteSize, 5) };

    [Fact]
    public async Task GetSupportedAttKeyIDNum_reply_is_byte_identical()
    {
        await using var server = await RunningServer.StartAsync(Backend());
        Assert.Equal(WireVectors.SupportedNumResponse, await ExchangeAsync(server, WireVectors.SupportedNumRequest));
    }

    [Fact]
    public async Task GetSupportedAttKeyIDs_reply_is_byte_identical()
    {
        await using var server = await RunningServer.StartAsync(Backend());
        Assert.Equal(WireVectors.SupportedIdsResponse, await ExchangeAsync(server, WireVectors.SupportedIdsRequest));
    }

    [Fact]
    public async Task SelectAttKeyID_replies_are_byte_identical_with_and_without_list()
    {
        await using var server = await RunningServer.StartAsync(Backend());
        Assert.Equal(WireVectors.SelectResponse, await ExchangeAsync(server, WireVectors.SelectNullRequest));
        Assert.Equal(WireVectors.SelectResponse, await ExchangeAsync(server, WireVectors.SelectListRequest));
    }

    [Fact]
    public async Task InitQuoteEx_first_call_reply_has_no_pub_key_id()
    {
        var backend = Backend();
        await using var server = await RunningServer.StartAsync(backend);
        var expected = Hex.Concat(WireVectors.InitResponsePrefix, backend.TargetInfo, WireVectors.InitResponseSuffix);
        Assert.Equal(expected, await ExchangeAsync(server, WireVectors.InitRequest));
    }

    [Fact]
    public async Task InitQuoteEx_second_call_reply_has_the_32_byte_pub_key_id()
    {
        var backend = Backend();
        await using var server = await RunningServer.StartAsync(backend);
        var expected = Hex.Concat(WireVectors.InitPubResponsePrefix, backend.TargetInfo, WireVectors.InitPubResponseMiddle, backend.PublicKeyId);
        Assert.Equal(expected, await ExchangeAsync(server, WireVectors.InitPubRequest));
    }

    [Fact]
    public async Task GetQuoteSizeEx_reply_is_byte_identical()
    {
        await using var server = await RunningServer.StartAsync(Backend());
        Assert.Equal(WireVectors.SizeResponse, await ExchangeAsync(server, WireVectors.SizeRequest));
    }

    [Fact]
    public async Task GetQuoteEx_reply_has_the_captured_framing_and_passes_the_report_through()
    {
        var backend = Backend();
        await using var server = await RunningServer.StartAsync(backend);
        var expected = Hex.Concat(WireVectors.QuoteResponsePrefix, backend.Quote);
        Assert.Equal(expected, await ExchangeAsync(server, WireVectors.QuoteRequest(Report)));
        Assert.Equal(Report, backend.LastReport!.ToArray());
    }

    [Fact]
    public async Task GetQuoteEx_with_qe_report_info_reply_has_the_captured_framing()
    {
        var backend = Backend();
        await using var server = await RunningServer.StartAsync(backend);
        // The canned backend fills the QE report slot with the app report, so the expected 960 bytes are the
        // request's nonce and target info followed by the report.
        var filled = Hex.Concat(Info[..528], Report);
        var expected = Hex.Concat(WireVectors.QuoteWithInfoResponsePrefix, backend.Quote, WireVectors.QuoteWithInfoResponseInfoTag, filled);
        Assert.Equal(expected, await ExchangeAsync(server, WireVectors.QuoteWithInfoRequest(Report, Info)));
    }

    [Fact]
    public async Task Unsupported_key_on_InitQuoteEx_gives_the_captured_error_reply()
    {
        var otherKey = SgxAttestationKeyId.Create(Convert.FromHexString("E4BD9FC2129835BA1DCCA1939D57D08E88561B34740D59405972D4BA25A7E5F7"), 1, 2);
        await using var server = await RunningServer.StartAsync(new CannedQuotingEnclave { AttestationKeyId = otherKey });
        Assert.Equal(WireVectors.InitErrorUnsupportedKey, await ExchangeAsync(server, WireVectors.InitRequest));
    }

    [Fact]
    public async Task Uninitialised_key_on_GetQuoteSizeEx_gives_the_captured_error_reply()
    {
        var backend = new CannedQuotingEnclave { Failure = new QuotingEnclaveException(AesmError.AttKeyNotInitialized, "test: key not certified yet") };
        await using var server = await RunningServer.StartAsync(backend);
        Assert.Equal(WireVectors.SizeErrorAttKeyNotInitialized, await ExchangeAsync(server, WireVectors.SizeRequest));
    }

    [Fact]
    public async Task Length_and_body_in_separate_writes_are_served()
    {
        await using var server = await RunningServer.StartAsync(Backend());
        using var connection = await RawConnection.ConnectAsync(server.SocketPath);
        await connection.SendAsync(WireVectors.SizeRequest[..4]);
        await Task.Yield();
        await connection.SendAsync(WireVectors.SizeRequest[4..]);
        Assert.Equal(WireVectors.SizeResponse, await connection.ReadToEndAsync());
    }

    /// <summary>Sends one frame and returns every byte the server writes before closing (so extra bytes would show).</summary>
    private static async Task<byte[]> ExchangeAsync(RunningServer server, byte[] frame)
    {
        using var connection = await RawConnection.ConnectAsync(server.SocketPath);
        await connection.SendAsync(frame);
        return await connection.ReadToEndAsync();
    }

    private static byte[] Deterministic(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
