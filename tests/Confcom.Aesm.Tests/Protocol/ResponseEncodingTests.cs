using Confcom.Aesm.Protocol;
using Confcom.Aesm.Protocol.Messages;
using Confcom.Testing;
using FsCheck.Xunit;
using Google.Protobuf;

namespace Confcom.Aesm.Tests.Protocol;

public class ResponseEncodingTests
{
    [Fact]
    public void ErrorCode_zero_is_written_as_08_00()
    {
        // A proto3-style "omit zero" encoder turns every success into SGX_ERROR_UNEXPECTED in Intel's client.
        var response = new Response { GetSupportedAttKeyIDNumRes = new() { ErrorCode = 0, AttKeyIdNum = 1 } };
        Assert.Equal(WireVectors.SupportedNumResponse, AesmFrame.Encode(response));
    }

    [Fact]
    public void ErrorCode_defaults_to_1_when_absent_on_the_wire()
    {
        var parsed = AesmMessageCodec.ParseResponse(Hex.Parse("aa01 02 10 01"));
        Assert.False(parsed.GetSupportedAttKeyIDNumRes.HasErrorCode);
        Assert.Equal(1u, parsed.GetSupportedAttKeyIDNumRes.ErrorCode);
    }

    [Fact]
    public void Error_responses_carry_only_the_matching_sub_message_and_errorCode()
    {
        Assert.Equal(WireVectors.SizeErrorAttKeyNotInitialized, AesmFrame.Encode(AesmMessageCodec.ErrorResponse(AesmRequestKind.GetQuoteSizeEx, 42)));
        Assert.Equal(WireVectors.InitErrorUnsupportedKey, AesmFrame.Encode(AesmMessageCodec.ErrorResponse(AesmRequestKind.InitQuoteEx, 38)));
    }

    [Fact]
    public void Every_recognised_request_kind_has_an_error_response_in_the_same_field_number()
    {
        foreach (var kind in Enum.GetValues<AesmRequestKind>().Where(k => k != AesmRequestKind.None))
        {
            var bytes = AesmMessageCodec.ErrorResponse(kind, 30).ToByteArray();
            var input = new CodedInputStream(bytes);
            var tag = input.ReadTag();
            Assert.Equal((int)kind, WireFormat.GetTagFieldNumber(tag));
            Assert.Equal(Hex.Parse("02 08 1e"), bytes[^3..]);
        }
    }

    [Fact]
    public void Encode_refuses_an_empty_message()
    {
        Assert.Throws<ArgumentException>(() => AesmFrame.Encode(new Response()));
    }

    [Property(MaxTest = 200)]
    public bool Quote_responses_round_trip(uint errorCode, byte[] quote)
    {
        var response = new Response { GetQuoteExRes = new() { ErrorCode = errorCode, Quote = ByteString.CopyFrom(quote ?? []) } };
        var frame = AesmFrame.Encode(response);
        var parsed = AesmMessageCodec.ParseResponse(frame.AsSpan(AesmFrame.LengthPrefixSize));
        return BitConverter.ToUInt32(frame, 0) == frame.Length - 4
            && parsed.GetQuoteExRes.HasErrorCode
            && parsed.GetQuoteExRes.ErrorCode == errorCode
            && parsed.GetQuoteExRes.Quote.Span.SequenceEqual(quote ?? []);
    }

    [Fact]
    public void Missing_required_field_parses_and_is_reported_as_uninitialised()
    {
        // GetQuoteExRequest with buf_size only: report (required) missing. It must parse, so that the
        // server can answer AESM_UNEXPECTED_ERROR in a GetQuoteExRes instead of dropping the client.
        var request = AesmMessageCodec.ParseRequest(Hex.Parse("8a01 03 20 fe24"));
        Assert.Equal(AesmRequestKind.GetQuoteEx, AesmMessageCodec.Classify(request));
        Assert.False(request.GetQuoteExReq.IsInitialized());
    }

    [Fact]
    public void Unknown_fields_only_classify_as_none()
    {
        var request = AesmMessageCodec.ParseRequest(Hex.Parse("f0 01 01"));
        Assert.Equal(AesmRequestKind.None, AesmMessageCodec.Classify(request));
    }
}
