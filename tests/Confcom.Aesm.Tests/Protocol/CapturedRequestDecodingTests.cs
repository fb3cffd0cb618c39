using Confcom.Aesm.Protocol;
using Confcom.Testing;
using Confcom.Sgx.Structures;

namespace Confcom.Aesm.Tests.Protocol;

/// <summary>Our proto2 schema reads every request frame Intel's client was captured sending, field for field.</summary>
public class CapturedRequestDecodingTests
{
    private static readonly byte[] Report = RandomBytes(SgxReport.Size, 1);
    private static readonly byte[] Info = RandomBytes(SgxQeReportInfo.Size, 2);

    [Fact]
    public void Captured_key_id_is_the_default_ECDSA_P256_QE3_key()
    {
        Assert.Equal(WireVectors.K, SgxAttestationKeyId.DefaultEcdsaP256.ToArray());
    }

    [Fact]
    public void GetSupportedAttKeyIDNum_request_decodes()
    {
        var request = Decode(WireVectors.SupportedNumRequest, AesmRequestKind.GetSupportedAttKeyIdNum);
        Assert.Equal(15000u, request.GetSupportedAttKeyIDNumReq.Timeout);
    }

    [Fact]
    public void GetSupportedAttKeyIDs_request_decodes()
    {
        var request = Decode(WireVectors.SupportedIdsRequest, AesmRequestKind.GetSupportedAttKeyIds);
        Assert.Equal(256u, request.GetSupportedAttKeyIDsReq.BufSize);
        Assert.Equal(15000u, request.GetSupportedAttKeyIDsReq.Timeout);
    }

    [Fact]
    public void SelectAttKeyID_without_list_has_timeout_in_field_2_and_no_list()
    {
        var request = Decode(WireVectors.SelectNullRequest, AesmRequestKind.SelectAttKeyId);
        Assert.False(request.SelectAttKeyIDReq.HasAttKeyIdList);
        Assert.True(request.SelectAttKeyIDReq.HasTimeout);
        Assert.Equal(15000u, request.SelectAttKeyIDReq.Timeout);
    }

    [Fact]
    public void SelectAttKeyID_with_list_carries_header_and_key()
    {
        var request = Decode(WireVectors.SelectListRequest, AesmRequestKind.SelectAttKeyId);
        var list = request.SelectAttKeyIDReq.AttKeyIdList.ToByteArray();
        Assert.Equal(264, list.Length);
        Assert.Equal(Hex.Parse("0000 0000 01000000"), list[..8]);
        Assert.Equal(WireVectors.K, list[8..]);
        Assert.Equal(15000u, request.SelectAttKeyIDReq.Timeout);
    }

    [Fact]
    public void InitQuoteEx_first_call_has_b_pub_key_id_false_and_no_buf_size()
    {
        var request = Decode(WireVectors.InitRequest, AesmRequestKind.InitQuoteEx).InitQuoteExReq;
        Assert.Equal(WireVectors.K, request.AttKeyId.ToByteArray());
        Assert.True(request.HasBPubKeyId);
        Assert.False(request.BPubKeyId);
        Assert.False(request.HasBufSize);
        Assert.Equal(15000u, request.Timeout);
    }

    [Fact]
    public void InitQuoteEx_second_call_has_uint64_buf_size_32()
    {
        var request = Decode(WireVectors.InitPubRequest, AesmRequestKind.InitQuoteEx).InitQuoteExReq;
        Assert.True(request.BPubKeyId);
        Assert.Equal(32ul, request.BufSize);
    }

    [Fact]
    public void InitQuoteEx_buf_size_is_read_as_uint64_beyond_32_bits()
    {
        // DCAP's first call may carry an uninitialised size_t; it must still parse (field 4 is uint64).
        var body = Hex.Concat(Hex.Parse("7a 9002 0a 8002"), WireVectors.K, Hex.Parse("18 00 20 ffffffffffffffffff01"));
        var request = AesmMessageCodec.ParseRequest(body).InitQuoteExReq;
        Assert.Equal(ulong.MaxValue, request.BufSize);
    }

    [Fact]
    public void GetQuoteSizeEx_request_decodes()
    {
        var request = Decode(WireVectors.SizeRequest, AesmRequestKind.GetQuoteSizeEx).GetQuoteSizeExReq;
        Assert.Equal(WireVectors.K, request.AttKeyId.ToByteArray());
        Assert.Equal(15000u, request.Timeout);
    }

    [Fact]
    public void GetQuoteEx_request_carries_report_verbatim()
    {
        var request = Decode(WireVectors.QuoteRequest(Report), AesmRequestKind.GetQuoteEx).GetQuoteExReq;
        Assert.Equal(Report, request.Report.ToByteArray());
        Assert.Equal(WireVectors.K, request.AttKeyId.ToByteArray());
        Assert.False(request.HasQeReportInfo);
        Assert.Equal((uint)WireVectors.CapturedQuoteSize, request.BufSize);
        Assert.Equal(15000u, request.Timeout);
    }

    [Fact]
    public void GetQuoteEx_request_with_qe_report_info_decodes()
    {
        var request = Decode(WireVectors.QuoteWithInfoRequest(Report, Info), AesmRequestKind.GetQuoteEx).GetQuoteExReq;
        Assert.Equal(Report, request.Report.ToByteArray());
        Assert.Equal(Info, request.QeReportInfo.ToByteArray());
        Assert.Equal((uint)WireVectors.CapturedQuoteSize, request.BufSize);
    }

    private static Confcom.Aesm.Protocol.Messages.Request Decode(byte[] frame, AesmRequestKind expected)
    {
        var length = BitConverter.ToUInt32(frame, 0);
        Assert.Equal(frame.Length - 4, (int)length);
        var request = AesmMessageCodec.ParseRequest(frame.AsSpan(4));
        Assert.Equal(expected, AesmMessageCodec.Classify(request));
        return request;
    }

    private static byte[] RandomBytes(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
