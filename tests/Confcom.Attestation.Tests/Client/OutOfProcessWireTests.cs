using Confcom.Aesm.Quoting;
using Confcom.Aesm.Protocol;
using Confcom.Aesm.Protocol.Messages;
using Confcom.Attestation.Client;
using Confcom.Sgx.Structures;
using Google.Protobuf;

namespace Confcom.Attestation.Tests.Client;

/// <summary>What the client puts on the socket, checked against Intel's out-of-process call sequence (DCAP with SGX_AESM_ADDR).</summary>
public sealed class OutOfProcessWireTests
{
    private static readonly byte[] AppReport = Enumerable.Range(0, SgxReport.Size).Select(i => (byte)(i * 7)).ToArray();

    private static QuoteClient ClientFor(ScriptedAesmPeer peer, TimeSpan? callTimeout = null) => new(new QuoteClientOptions
    {
        GetEnvironmentVariable = name => name == "SGX_AESM_ADDR" ? "1" : null,
        AesmSocketPath = peer.SocketPath,
        CallTimeout = callTimeout ?? QuoteClientOptions.DefaultCallTimeout,
    });

    [Fact]
    public async Task The_call_sequence_is_DCAPs_one_request_per_connection()
    {
        await using var peer = new ScriptedAesmPeer(CannedAesmReplies.Healthy);
        var client = ClientFor(peer);

        var targetInfo = await client.GetTargetInfoAsync();
        var quote = await client.GetQuoteAsync(SgxReport.Parse(AppReport));

        Assert.Equal(CannedAesmReplies.TargetInfo, targetInfo.ToArray());
        Assert.Equal(CannedAesmReplies.SampleQuote, quote);
        var requests = peer.Requests.ToArray();
        Assert.Equal(4, requests.Length);
        Assert.Equal(4, peer.Connections);
        var defaultKeyId = ByteString.CopyFrom(SgxAttestationKeyId.DefaultEcdsaP256.ToArray());

        var sizing = requests[0].InitQuoteExReq;
        Assert.NotNull(sizing);
        Assert.False(sizing.BPubKeyId);
        Assert.False(sizing.HasBufSize);
        Assert.Equal(defaultKeyId, sizing.AttKeyId);

        var keyed = requests[1].InitQuoteExReq;
        Assert.NotNull(keyed);
        Assert.True(keyed.BPubKeyId);
        Assert.Equal(32ul, keyed.BufSize);

        var size = requests[2].GetQuoteSizeExReq;
        Assert.NotNull(size);
        Assert.Equal(defaultKeyId, size.AttKeyId);

        var get = requests[3].GetQuoteExReq;
        Assert.NotNull(get);
        Assert.Equal(AppReport, get.Report.ToByteArray());
        Assert.Equal(defaultKeyId, get.AttKeyId);
        Assert.False(get.HasQeReportInfo);
        Assert.Equal((uint)(CannedAesmReplies.SampleQuote.Length + CannedAesmReplies.Padding), get.BufSize);

        // Intel's client sends its 15 s deadline in milliseconds in every request.
        Assert.All(requests, r => Assert.Equal(15000u, r.InitQuoteExReq?.Timeout ?? r.GetQuoteSizeExReq?.Timeout ?? r.GetQuoteExReq!.Timeout));
    }

    [Fact]
    public async Task A_quote_longer_than_the_offered_buffer_is_rejected_as_Intels_client_does()
    {
        await using var peer = new ScriptedAesmPeer(request => AesmMessageCodec.Classify(request) == AesmRequestKind.GetQuoteEx
            ? new Response
            {
                GetQuoteExRes = new Response.Types.GetQuoteExResponse
                {
                    ErrorCode = 0,
                    Quote = ByteString.CopyFrom(CannedAesmReplies.Padded(CannedAesmReplies.SampleQuote, (int)request.GetQuoteExReq.BufSize + 1)),
                },
            }
            : CannedAesmReplies.Healthy(request));

        var ex = await Assert.ThrowsAsync<QuoteException>(() => ClientFor(peer).GetQuoteAsync(SgxReport.Parse(AppReport)));

        Assert.Equal(SgxStatus.Unexpected, ex.Status);
        Assert.Equal(Quote3Error.Unexpected, ex.Quote3Error);
        Assert.Equal(QuoteOperation.GetQuote, ex.Operation);
    }

    [Fact]
    public async Task A_reply_that_is_not_a_quote_is_reported_as_unexpected()
    {
        await using var peer = new ScriptedAesmPeer(request => AesmMessageCodec.Classify(request) == AesmRequestKind.GetQuoteEx
            ? new Response { GetQuoteExRes = new Response.Types.GetQuoteExResponse { ErrorCode = 0, Quote = ByteString.CopyFrom(new byte[100]) } }
            : CannedAesmReplies.Healthy(request));

        var ex = await Assert.ThrowsAsync<QuoteException>(() => ClientFor(peer).GetQuoteAsync(SgxReport.Parse(AppReport)));

        Assert.Equal(SgxStatus.Unexpected, ex.Status);
        Assert.Contains("not a DCAP quote", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_public_key_id_size_other_than_32_is_refused_like_DCAP_does()
    {
        await using var peer = new ScriptedAesmPeer(request => AesmMessageCodec.Classify(request) == AesmRequestKind.InitQuoteEx
            ? new Response
            {
                InitQuoteExRes = new Response.Types.InitQuoteExResponse
                {
                    ErrorCode = 0,
                    TargetInfo = ByteString.CopyFrom(CannedAesmReplies.TargetInfo),
                    PubKeyIdSize = 48,
                },
            }
            : CannedAesmReplies.Healthy(request));

        var ex = await Assert.ThrowsAsync<QuoteException>(() => ClientFor(peer).GetTargetInfoAsync());

        Assert.Equal(SgxStatus.Unexpected, ex.Status);
        Assert.Contains("pub_key_id_size is 48", ex.Message, StringComparison.Ordinal);
        Assert.Single(peer.Requests);
    }
}
