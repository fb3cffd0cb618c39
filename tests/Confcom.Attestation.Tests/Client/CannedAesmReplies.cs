using Confcom.Aesm.Protocol;
using Confcom.Aesm.Protocol.Messages;
using Confcom.Sgx.Structures;
using Google.Protobuf;
using Confcom.TestData;

namespace Confcom.Attestation.Tests.Client;

/// <summary>
/// Successful AESM replies built from real data: the real SGX sample quote, zero-padded to the requested buffer as
/// aesmd does, and a target info / key id that the test can recognise.
/// </summary>
internal static class CannedAesmReplies
{
    /// <summary>Extra bytes announced by GetQuoteSizeEx beyond the real quote, so padding is always exercised.</summary>
    public const int Padding = 300;

    public static readonly byte[] SampleQuote = File.ReadAllBytes(SampleQuoteFiles.Path("sgx_quote"));

    public static readonly byte[] TargetInfo = SgxTargetInfo.Create(Enumerable.Repeat((byte)0x5A, 32).ToArray(), SgxAttributes.Production64, 0).ToArray();

    public static readonly byte[] PublicKeyId = Enumerable.Range(0, 32).Select(i => (byte)(0xA0 + i)).ToArray();

    /// <summary>Answers each quote_ex request like a healthy aesmd.</summary>
    public static Response Healthy(Request request) => AesmMessageCodec.Classify(request) switch
    {
        AesmRequestKind.InitQuoteEx => new Response { InitQuoteExRes = InitQuoteEx(request.InitQuoteExReq) },
        AesmRequestKind.GetQuoteSizeEx => new Response
        {
            GetQuoteSizeExRes = new Response.Types.GetQuoteSizeExResponse { ErrorCode = 0, QuoteSize = (uint)(SampleQuote.Length + Padding) },
        },
        AesmRequestKind.GetQuoteEx => new Response
        {
            GetQuoteExRes = new Response.Types.GetQuoteExResponse { ErrorCode = 0, Quote = ByteString.CopyFrom(Padded(SampleQuote, (int)request.GetQuoteExReq.BufSize)) },
        },
        var kind => AesmMessageCodec.ErrorResponse(kind, 1),
    };

    /// <summary>Healthy, except that requests of <paramref name="failing"/> get <paramref name="error"/> (and nothing else).</summary>
    public static Func<Request, Response> FailingAt(AesmRequestKind failing, uint error) =>
        request => AesmMessageCodec.Classify(request) == failing ? AesmMessageCodec.ErrorResponse(failing, error) : Healthy(request);

    public static byte[] Padded(byte[] quote, int bufSize)
    {
        var buffer = new byte[bufSize];
        quote.AsSpan(0, Math.Min(quote.Length, bufSize)).CopyTo(buffer);
        return buffer;
    }

    private static Response.Types.InitQuoteExResponse InitQuoteEx(Request.Types.InitQuoteExRequest request)
    {
        var reply = new Response.Types.InitQuoteExResponse { ErrorCode = 0, TargetInfo = ByteString.CopyFrom(TargetInfo), PubKeyIdSize = 32 };
        if (request.BPubKeyId)
        {
            reply.PubKeyId = ByteString.CopyFrom(PublicKeyId);
        }
        return reply;
    }
}
