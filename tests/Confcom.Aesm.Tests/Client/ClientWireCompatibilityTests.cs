using Confcom.Aesm.Client;
using Confcom.Testing;
using Confcom.Sgx.Structures;

namespace Confcom.Aesm.Tests.Client;

/// <summary>
/// Our <see cref="AesmClient"/> sends exactly the bytes Intel's client was captured sending (with its 15 s
/// timeout), and reads the captured replies.
/// </summary>
public class ClientWireCompatibilityTests
{
    private static readonly byte[] Report = Deterministic(SgxReport.Size, 7);
    private static readonly byte[] Info = Deterministic(SgxQeReportInfo.Size, 8);

    [Fact]
    public async Task GetSupportedAttKeyIdNum_matches_capture()
    {
        await using var peer = new CapturingAesmPeer(_ => WireVectors.SupportedNumResponse);
        var result = await new AesmClient(peer.SocketPath).GetSupportedAttKeyIdNumAsync();
        Assert.Equal(WireVectors.SupportedNumRequest, await peer.RequestFrame);
        Assert.Equal((0u, (uint?)1u), (result.ErrorCode, result.AttKeyIdNum));
    }

    [Fact]
    public async Task GetSupportedAttKeyIds_matches_capture()
    {
        await using var peer = new CapturingAesmPeer(_ => WireVectors.SupportedIdsResponse);
        var result = await new AesmClient(peer.SocketPath).GetSupportedAttKeyIdsAsync(256);
        Assert.Equal(WireVectors.SupportedIdsRequest, await peer.RequestFrame);
        Assert.Equal(0u, result.ErrorCode);
        Assert.Equal(WireVectors.K, result.AttKeyIds);
    }

    [Fact]
    public async Task SelectAttKeyId_without_list_matches_capture()
    {
        await using var peer = new CapturingAesmPeer(_ => WireVectors.SelectResponse);
        var result = await new AesmClient(peer.SocketPath).SelectAttKeyIdAsync(null);
        Assert.Equal(WireVectors.SelectNullRequest, await peer.RequestFrame);
        Assert.Equal(WireVectors.K, result.SelectedAttKeyId);
    }

    [Fact]
    public async Task SelectAttKeyId_with_list_matches_capture()
    {
        await using var peer = new CapturingAesmPeer(_ => WireVectors.SelectResponse);
        var list = Hex.Concat(Hex.Parse("0000 0000 01000000"), WireVectors.K);
        await new AesmClient(peer.SocketPath).SelectAttKeyIdAsync(list);
        Assert.Equal(WireVectors.SelectListRequest, await peer.RequestFrame);
    }

    [Fact]
    public async Task InitQuoteEx_both_calls_match_capture()
    {
        var targetInfo = Deterministic(512, 9);
        await using (var peer = new CapturingAesmPeer(_ => Hex.Concat(WireVectors.InitResponsePrefix, targetInfo, WireVectors.InitResponseSuffix)))
        {
            var first = await new AesmClient(peer.SocketPath).InitQuoteExAsync(WireVectors.K, wantPubKeyId: false, bufSize: null);
            Assert.Equal(WireVectors.InitRequest, await peer.RequestFrame);
            Assert.Equal(targetInfo, first.TargetInfo);
            Assert.Equal(32ul, first.PubKeyIdSize);
            Assert.Null(first.PubKeyId);
        }
        var keyId = Deterministic(32, 10);
        await using (var peer = new CapturingAesmPeer(_ => Hex.Concat(WireVectors.InitPubResponsePrefix, targetInfo, WireVectors.InitPubResponseMiddle, keyId)))
        {
            var second = await new AesmClient(peer.SocketPath).InitQuoteExAsync(WireVectors.K, wantPubKeyId: true, bufSize: 32);
            Assert.Equal(WireVectors.InitPubRequest, await peer.RequestFrame);
            Assert.Equal(keyId, second.PubKeyId);
        }
    }

    [Fact]
    public async Task GetQuoteSizeEx_matches_capture()
    {
        await using var peer = new CapturingAesmPeer(_ => WireVectors.SizeResponse);
        var result = await new AesmClient(peer.SocketPath).GetQuoteSizeExAsync(WireVectors.K);
        Assert.Equal(WireVectors.SizeRequest, await peer.RequestFrame);
        Assert.Equal((uint)WireVectors.CapturedQuoteSize, result.QuoteSize);
    }

    [Fact]
    public async Task GetQuoteEx_without_and_with_qe_report_info_match_capture()
    {
        var quote = Deterministic(WireVectors.CapturedQuoteSize, 11);
        await using (var peer = new CapturingAesmPeer(_ => Hex.Concat(WireVectors.QuoteResponsePrefix, quote)))
        {
            var result = await new AesmClient(peer.SocketPath).GetQuoteExAsync(Report, WireVectors.K, null, (uint)WireVectors.CapturedQuoteSize);
            Assert.Equal(WireVectors.QuoteRequest(Report), await peer.RequestFrame);
            Assert.Equal(quote, result.Quote);
            Assert.Null(result.QeReportInfo);
        }
        await using (var peer = new CapturingAesmPeer(_ => Hex.Concat(WireVectors.QuoteWithInfoResponsePrefix, quote, WireVectors.QuoteWithInfoResponseInfoTag, Info)))
        {
            var result = await new AesmClient(peer.SocketPath).GetQuoteExAsync(Report, WireVectors.K, Info, (uint)WireVectors.CapturedQuoteSize);
            Assert.Equal(WireVectors.QuoteWithInfoRequest(Report, Info), await peer.RequestFrame);
            Assert.Equal(Info, result.QeReportInfo);
        }
    }

    [Fact]
    public async Task Captured_error_replies_are_returned_not_thrown()
    {
        await using var peer = new CapturingAesmPeer(_ => WireVectors.SizeErrorAttKeyNotInitialized);
        var result = await new AesmClient(peer.SocketPath).GetQuoteSizeExAsync(WireVectors.K);
        Assert.Equal(42u, result.ErrorCode);
        Assert.Null(result.QuoteSize);
    }

    private static byte[] Deterministic(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
