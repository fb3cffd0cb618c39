using Confcom.Aesm.Quoting;
using Confcom.Attestation.Client;

namespace Confcom.Attestation.Tests.Client;

/// <summary>
/// Rows transcribed from Intel's sources (LSGX sgx_uae_service.cpp oal_map_result + per-call switches; DCAP
/// sgx_dcap_ql_wrapper.cpp sgx_status_to_quote3_error), as summarised in aesm-dcap.md §1.8.
/// </summary>
public sealed class IntelErrorMappingTests
{
    public static TheoryData<uint, QuoteOperation, uint, uint> Rows => new()
    {
        // common map, same for every call
        { 1, QuoteOperation.GetQuote, 0x0001, 0xE001 },
        { 3, QuoteOperation.InitQuote, 0x0002, 0xE002 },
        { 17, QuoteOperation.InitQuote, 0x4001, 0xE040 },
        { 30, QuoteOperation.GetQuoteSize, 0x4001, 0xE040 },
        { 46, QuoteOperation.GetQuote, 0x4001, 0xE040 },
        { 48, QuoteOperation.InitQuote, 0x4001, 0xE040 },
        { 21, QuoteOperation.GetQuote, 0x0003, 0xE003 },
        { 18, QuoteOperation.InitQuote, 0x400A, 0xE043 },
        { 31, QuoteOperation.InitQuote, 0x4012, 0xE001 },
        { 12, QuoteOperation.InitQuote, 0x4007, 0xE041 },
        { 13, QuoteOperation.GetQuote, 0x4007, 0xE041 },
        { 14, QuoteOperation.GetQuoteSize, 0x4007, 0xE041 },
        { 2, QuoteOperation.InitQuote, 0x2006, 0xE03F },
        { 20, QuoteOperation.GetQuote, 0x4006, 0xE001 },
        // init_quote_ex refinements
        { 38, QuoteOperation.InitQuote, 0x8001, 0xE00B },
        { 50, QuoteOperation.InitQuote, 0x8002, 0xE010 },
        { 44, QuoteOperation.InitQuote, 0x8005, 0xE011 },
        { 4, QuoteOperation.InitQuote, 0x4003, 0xE001 },
        { 5, QuoteOperation.InitQuote, 0x4005, 0xE001 },
        { 19, QuoteOperation.InitQuote, 0x400A, 0xE043 },
        { 16, QuoteOperation.InitQuote, 0x0001, 0xE001 },
        { 29, QuoteOperation.InitQuote, 0x2005, 0xE001 },
        { 42, QuoteOperation.InitQuote, 0x0001, 0xE001 },
        // get_quote_size_ex refinements
        { 42, QuoteOperation.GetQuoteSize, 0x8003, 0xE00F },
        { 43, QuoteOperation.GetQuoteSize, 0x0001, 0xE001 },
        { 38, QuoteOperation.GetQuoteSize, 0x8001, 0xE00B },
        { 29, QuoteOperation.GetQuoteSize, 0x0001, 0xE001 },
        // get_quote_ex refinements
        { 42, QuoteOperation.GetQuote, 0x8003, 0xE00F },
        { 43, QuoteOperation.GetQuote, 0x0001, 0xE001 },
        { 38, QuoteOperation.GetQuote, 0x8001, 0xE00B },
        { 45, QuoteOperation.GetQuote, 0x3001, 0xE001 },
        { 47, QuoteOperation.GetQuote, 0x3001, 0xE001 },
        { 49, QuoteOperation.GetQuote, 0x0001, 0xE001 },
        { 4, QuoteOperation.GetQuote, 0x4003, 0xE001 },
        { 5, QuoteOperation.GetQuote, 0x4005, 0xE001 },
        { 19, QuoteOperation.GetQuote, 0x400A, 0xE043 },
        { 16, QuoteOperation.GetQuote, 0x0001, 0xE001 },
        { 29, QuoteOperation.GetQuote, 0x2005, 0xE001 },
        { 50, QuoteOperation.GetQuote, 0x0001, 0xE001 },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Aesm_codes_map_to_the_codes_Intels_libraries_return(uint aesm, QuoteOperation operation, uint sgxStatus, uint quote3)
    {
        var status = IntelErrorMapping.ToSgxStatus((AesmError)aesm, operation);

        Assert.Equal(sgxStatus, (uint)status);
        Assert.Equal(quote3, (uint)IntelErrorMapping.ToQuote3Error(status));
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task In_process_backend_failures_surface_with_the_same_codes(uint aesm, QuoteOperation operation, uint sgxStatus, uint quote3)
    {
        var client = new QuoteClient(new QuoteClientOptions
        {
            Mode = QuotingMode.InProcess,
            InProcessEnclave = new FailingQuotingEnclave((AesmError)aesm, operation),
        });
        var report = Confcom.Sgx.Structures.SgxReport.Parse(new byte[Confcom.Sgx.Structures.SgxReport.Size]);

        var ex = operation == QuoteOperation.InitQuote
            ? await Assert.ThrowsAsync<QuoteException>(() => client.GetTargetInfoAsync())
            : await Assert.ThrowsAsync<QuoteException>(() => client.GetQuoteAsync(report));

        Assert.Equal(operation, ex.Operation);
        Assert.Equal(sgxStatus, (uint)ex.Status);
        Assert.Equal(quote3, (uint)ex.Quote3Error);
        Assert.Equal((AesmError)aesm, ex.AesmError);
        Assert.Contains($"0x{sgxStatus:X4}", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(38u, "AESM_UNSUPPORTED_ATT_KEY_ID (38)")]
    [InlineData(4u, "AESM_EPIDBLOB_ERROR (4)")]
    [InlineData(42u, "AESM_ATT_KEY_NOT_INITIALIZED (42)")]
    [InlineData(99u, "AESM_99 (99)")]
    public void Messages_name_the_AESM_code_as_Intel_spells_it(uint aesm, string expected)
    {
        var message = QuoteErrorMessages.FromAesm("quote helper at /x", QuoteOperation.GetQuote, (AesmError)aesm,
            IntelErrorMapping.ToSgxStatus((AesmError)aesm, QuoteOperation.GetQuote));

        Assert.Contains(expected, message, StringComparison.Ordinal);
    }
}
