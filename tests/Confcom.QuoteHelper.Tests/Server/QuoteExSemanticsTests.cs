using System.Buffers.Binary;
using Confcom.Aesm.Quoting;
using Confcom.QuoteHelper.Tests.Support;
using Confcom.Testing;
using Confcom.Sgx.Structures;

namespace Confcom.QuoteHelper.Tests.Server;

/// <summary>aesmd's per-call checks and results (spec §1.5), over the real socket with our client.</summary>
public class QuoteExSemanticsTests
{
    private static readonly byte[] Key = SgxAttestationKeyId.DefaultEcdsaP256.ToArray();
    private static readonly byte[] OtherKey = SgxAttestationKeyId.Create(new byte[32], 1, 2).ToArray();
    private static readonly byte[] Report = new byte[SgxReport.Size];

    [Fact]
    public async Task Select_picks_our_key_from_a_list_that_contains_it()
    {
        await using var server = await RunningServer.StartAsync(new CannedQuotingEnclave());
        var result = await server.Client().SelectAttKeyIdAsync(KeyList(OtherKey, Key));
        Assert.Equal(0u, result.ErrorCode);
        Assert.Equal(Key, result.SelectedAttKeyId);
    }

    [Theory]
    [InlineData(1, 0, 1, 0)]    // header id must be 0
    [InlineData(0, 1, 1, 0)]    // header version must be 0
    [InlineData(0, 0, 11, 0)]   // at most 10 key ids
    [InlineData(0, 0, 0, 0)]    // at least one
    [InlineData(0, 0, 2, 0)]    // says 2, carries 1
    [InlineData(0, 0, 1, 1)]    // one stray byte after the entries
    public async Task Select_with_a_malformed_list_is_a_parameter_error(int id, int version, int count, int extra)
    {
        await using var server = await RunningServer.StartAsync(new CannedQuotingEnclave());
        var list = KeyList(Key);
        BinaryPrimitives.WriteUInt16LittleEndian(list, (ushort)id);
        BinaryPrimitives.WriteUInt16LittleEndian(list.AsSpan(2), (ushort)version);
        BinaryPrimitives.WriteUInt32LittleEndian(list.AsSpan(4), (uint)count);
        var result = await server.Client().SelectAttKeyIdAsync(list.Concat(new byte[extra]).ToArray());
        Assert.Equal((uint)AesmError.ParameterError, result.ErrorCode);
        Assert.Null(result.SelectedAttKeyId);
    }

    [Fact]
    public async Task Select_without_our_key_is_unsupported()
    {
        await using var server = await RunningServer.StartAsync(new CannedQuotingEnclave());
        var result = await server.Client().SelectAttKeyIdAsync(KeyList(OtherKey));
        Assert.Equal((uint)AesmError.UnsupportedAttKeyId, result.ErrorCode);
    }

    [Fact]
    public async Task Key_ids_differing_only_after_byte_158_still_match()
    {
        // AESM compares sizeof(sgx_ql_att_key_id_t) = 158 bytes; spid/att_key_type/reserved are ignored.
        var key = (byte[])Key.Clone();
        key[200] = 0xFF;
        await using var server = await RunningServer.StartAsync(new CannedQuotingEnclave());
        Assert.Equal(0u, (await server.Client().GetQuoteSizeExAsync(key)).ErrorCode);
        key[157] = 0xFF;
        Assert.Equal((uint)AesmError.UnsupportedAttKeyId, (await server.Client().GetQuoteSizeExAsync(key)).ErrorCode);
    }

    [Fact]
    public async Task InitQuoteEx_without_pub_key_id_ignores_a_garbage_buf_size()
    {
        var backend = new CannedQuotingEnclave();
        await using var server = await RunningServer.StartAsync(backend);
        var result = await server.Client().InitQuoteExAsync(Key, wantPubKeyId: false, bufSize: 0xDEADBEEF_CAFEF00D);
        Assert.Equal(0u, result.ErrorCode);
        Assert.Equal(backend.TargetInfo, result.TargetInfo);
        Assert.Equal(32ul, result.PubKeyIdSize);
        Assert.Null(result.PubKeyId);
    }

    [Fact]
    public async Task InitQuoteEx_with_a_larger_buffer_still_returns_exactly_32_bytes()
    {
        var backend = new CannedQuotingEnclave();
        await using var server = await RunningServer.StartAsync(backend);
        var result = await server.Client().InitQuoteExAsync(Key, wantPubKeyId: true, bufSize: 64);
        Assert.Equal(backend.PublicKeyId, result.PubKeyId);
    }

    [Theory]
    [InlineData(16ul)]
    [InlineData(null)]
    public async Task InitQuoteEx_asking_for_the_key_id_with_too_small_or_no_buffer_is_a_parameter_error(ulong? bufSize)
    {
        await using var server = await RunningServer.StartAsync(new CannedQuotingEnclave());
        var result = await server.Client().InitQuoteExAsync(Key, wantPubKeyId: true, bufSize: bufSize);
        Assert.Equal((uint)AesmError.ParameterError, result.ErrorCode);
        Assert.Null(result.TargetInfo);
        Assert.Null(result.PubKeyId);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(158)]
    [InlineData(255)]
    [InlineData(257)]
    public async Task Wrong_sized_key_id_is_a_parameter_error(int length)
    {
        await using var server = await RunningServer.StartAsync(new CannedQuotingEnclave());
        var key = Key.Concat(new byte[1]).Take(length).ToArray();
        Assert.Equal((uint)AesmError.ParameterError, (await server.Client().InitQuoteExAsync(key, false, null)).ErrorCode);
        Assert.Equal((uint)AesmError.ParameterError, (await server.Client().GetQuoteSizeExAsync(key)).ErrorCode);
        Assert.Equal((uint)AesmError.ParameterError, (await server.Client().GetQuoteExAsync(Report, key, null, 4096)).ErrorCode);
    }

    [Fact]
    public async Task Unsupported_key_is_error_38_on_every_quote_call()
    {
        await using var server = await RunningServer.StartAsync(new CannedQuotingEnclave());
        Assert.Equal(38u, (await server.Client().InitQuoteExAsync(OtherKey, false, null)).ErrorCode);
        Assert.Equal(38u, (await server.Client().GetQuoteSizeExAsync(OtherKey)).ErrorCode);
        Assert.Equal(38u, (await server.Client().GetQuoteExAsync(Report, OtherKey, null, 4096)).ErrorCode);
    }

    [Fact]
    public async Task Quote_is_padded_with_zeros_to_buf_size()
    {
        var backend = new CannedQuotingEnclave();
        await using var server = await RunningServer.StartAsync(backend);
        var result = await server.Client().GetQuoteExAsync(Report, Key, null, (uint)backend.Quote.Length + 100);
        Assert.Equal(0u, result.ErrorCode);
        Assert.Equal(backend.Quote.Length + 100, result.Quote!.Length);
        Assert.Equal(backend.Quote, result.Quote[..backend.Quote.Length]);
        Assert.All(result.Quote[backend.Quote.Length..], b => Assert.Equal(0, b));
    }

    [Fact]
    public async Task Buffer_one_byte_short_is_a_parameter_error_and_nothing_is_signed()
    {
        var backend = new CannedQuotingEnclave();
        await using var server = await RunningServer.StartAsync(backend);
        var result = await server.Client().GetQuoteExAsync(Report, Key, null, (uint)backend.Quote.Length - 1);
        Assert.Equal((uint)AesmError.ParameterError, result.ErrorCode);
        Assert.Null(result.Quote);
        Assert.Equal(0, backend.QuotesGenerated);
    }

    [Fact]
    public async Task Buffer_beyond_the_cap_is_out_of_memory()
    {
        await using var server = await RunningServer.StartAsync(new CannedQuotingEnclave(), o => o.MaxQuoteBufferBytes = 8192);
        var result = await server.Client().GetQuoteExAsync(Report, Key, null, uint.MaxValue);
        Assert.Equal((uint)AesmError.OutOfMemoryError, result.ErrorCode);
    }

    [Theory]
    [InlineData(431)]
    [InlineData(433)]
    [InlineData(0)]
    public async Task Wrong_sized_report_is_a_parameter_error(int length)
    {
        await using var server = await RunningServer.StartAsync(new CannedQuotingEnclave());
        var result = await server.Client().GetQuoteExAsync(new byte[length], Key, null, 4096);
        Assert.Equal((uint)AesmError.ParameterError, result.ErrorCode);
    }

    [Theory]
    [InlineData(959)]
    [InlineData(961)]
    public async Task Wrong_sized_qe_report_info_is_a_parameter_error(int length)
    {
        await using var server = await RunningServer.StartAsync(new CannedQuotingEnclave());
        var result = await server.Client().GetQuoteExAsync(Report, Key, new byte[length], 4096);
        Assert.Equal((uint)AesmError.ParameterError, result.ErrorCode);
        Assert.Null(result.QeReportInfo);
    }

    [Fact]
    public async Task Invalid_report_from_the_backend_is_47_and_qe_report_info_is_echoed()
    {
        var backend = new CannedQuotingEnclave { Failure = new QuotingEnclaveException(AesmError.InvalidReport, "test: MAC mismatch") };
        await using var server = await RunningServer.StartAsync(backend);
        var info = Enumerable.Range(0, SgxQeReportInfo.Size).Select(i => (byte)i).ToArray();
        var result = await server.Client().GetQuoteExAsync(Report, Key, info, 4096);
        Assert.Equal((uint)AesmError.InvalidReport, result.ErrorCode);
        Assert.Null(result.Quote);
        Assert.Equal(info, result.QeReportInfo);
    }

    [Fact]
    public async Task A_crashing_backend_gives_unexpected_error_and_the_service_keeps_serving()
    {
        var backend = new CannedQuotingEnclave { Failure = new InvalidOperationException("test: backend bug") };
        await using var server = await RunningServer.StartAsync(backend);
        Assert.Equal((uint)AesmError.UnexpectedError, (await server.Client().GetQuoteSizeExAsync(Key)).ErrorCode);
        backend.Failure = null;
        Assert.Equal(0u, (await server.Client().GetQuoteSizeExAsync(Key)).ErrorCode);
    }

    [Theory]
    [InlineData(512u)]
    [InlineData(255u)]
    [InlineData(0u)]
    public async Task Supported_key_ids_with_the_wrong_buffer_size_is_a_parameter_error(uint bufSize)
    {
        await using var server = await RunningServer.StartAsync(new CannedQuotingEnclave());
        Assert.Equal((uint)AesmError.ParameterError, (await server.Client().GetSupportedAttKeyIdsAsync(bufSize)).ErrorCode);
    }

    [Fact]
    public async Task Success_and_error_results_are_counted_by_type()
    {
        await using var server = await RunningServer.StartAsync(new CannedQuotingEnclave());
        await server.Client().GetQuoteSizeExAsync(Key);
        await server.Client().GetQuoteSizeExAsync(OtherKey);
        Assert.Equal(1, await server.MetricAsync("confcom_aesm_requests_total{type=\"GetQuoteSizeEx\",result=\"Success\"}"));
        Assert.Equal(1, await server.MetricAsync("confcom_aesm_requests_total{type=\"GetQuoteSizeEx\",result=\"UnsupportedAttKeyId\"}"));
    }

    private static byte[] KeyList(params byte[][] keys)
    {
        var list = new byte[8 + (256 * keys.Length)];
        BinaryPrimitives.WriteUInt32LittleEndian(list.AsSpan(4), (uint)keys.Length);
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i].CopyTo(list, 8 + (256 * i));
        }
        return list;
    }
}
