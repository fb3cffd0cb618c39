using Confcom.Aesm.Dcap;
using Confcom.Aesm.Quoting;
using Confcom.Sgx.Structures;

namespace Confcom.Aesm.Tests.Dcap;

public class DcapQuotingEnclaveTests
{
    private static readonly SgxReport Report = SgxReport.Parse(new byte[SgxReport.Size]);

    [Fact]
    public async Task Init_passes_C_sized_buffers_and_returns_target_info_and_key_id()
    {
        var library = new ScriptedDcapLibrary();
        var target = await new DcapQuotingEnclave(library).InitAsync(default);
        Assert.Equal(["target_info(512)", "init_quote(key 158, target_info 512, pub_key_id 32)"], library.Calls);
        Assert.All(target.TargetInfo.ToArray(), b => Assert.Equal(0x11, b));
        Assert.Equal(Enumerable.Repeat((byte)0x22, 32), target.PublicKeyId);
    }

    [Fact]
    public async Task Init_rejects_a_key_id_of_another_size()
    {
        var library = new ScriptedDcapLibrary { ReportedPublicKeyIdSize = 64 };
        var e = await Assert.ThrowsAsync<QuotingEnclaveException>(() => new DcapQuotingEnclave(library).InitAsync(default).AsTask());
        Assert.Equal(AesmError.UnexpectedError, e.Error);
    }

    [Fact]
    public async Task Quote_buffer_is_sized_by_the_library()
    {
        var library = new ScriptedDcapLibrary { QuoteSize = 4734 };
        var quote = await new DcapQuotingEnclave(library).GetQuoteAsync(Report, null, default);
        Assert.Equal(4734, quote.Quote.Length);
        Assert.Null(quote.QeReportInfo);
        Assert.Equal(["quote_size", "get_quote(report 432, quote 4734)"], library.Calls);
    }

    [Fact]
    public async Task Quote_with_qe_report_info_uses_the_960_byte_structure()
    {
        var library = new ScriptedDcapLibrary();
        var info = SgxQeReportInfo.Create(new byte[16], SgxTargetInfo.Parse(new byte[512]));
        var quote = await new DcapQuotingEnclave(library).GetQuoteAsync(Report, info, default);
        Assert.Equal("ql_get_quote(report 432, key 158, info 960, quote 1100)", library.Calls[^1]);
        Assert.All(quote.QeReportInfo!.QeReportBytes, b => Assert.Equal(0x44, b));
    }

    [Theory]
    [InlineData(0xE015u, AesmError.InvalidReport)]
    [InlineData(0xE00Fu, AesmError.AttKeyNotInitialized)]
    [InlineData(0xE012u, AesmError.OutOfEpc)]
    [InlineData(0xE019u, AesmError.UnexpectedError)]
    public async Task Library_errors_surface_as_the_AESM_error_of_the_ECDSA_bundle(uint quote3, AesmError expected)
    {
        var library = new ScriptedDcapLibrary { Result = quote3 };
        var e = await Assert.ThrowsAsync<QuotingEnclaveException>(() => new DcapQuotingEnclave(library).GetQuoteAsync(Report, null, default).AsTask());
        Assert.Equal(expected, e.Error);
        Assert.Contains($"0x{quote3:X4}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mapping_covers_every_quote_generation_error_by_name()
    {
        // The ECDSA bundle maps each generation error to the aesm_error_t of the same name.
        // The 0xE03F..0xE043 codes belong to the app-side library (no device, service unavailable/timeout…), not to
        // quote generation: the bundle has no same-named aesm_error_t for them and they fall to UNEXPECTED below.
        Quote3Error[] appSideOnly = [Quote3Error.NoDevice, Quote3Error.ServiceUnavailable, Quote3Error.NetworkFailure, Quote3Error.ServiceTimeout, Quote3Error.Busy];
        // From 0xE01A on (outside 0xE03F..0xE043) the codes are quote verification's (QvE/QVL): no aesm_error_t either.
        var verificationOnly = Enum.GetValues<Quote3Error>().Where(e => (uint)e >= 0xE01A && !appSideOnly.Contains(e)).ToArray();
        appSideOnly = [.. appSideOnly, .. verificationOnly];
        foreach (var error in Enum.GetValues<Quote3Error>().Where(e => e is not Quote3Error.NetworkError && !appSideOnly.Contains(e)))
        {
            var mapped = Quote3ErrorMapping.ToAesmError((uint)error);
            var expectedName = error switch
            {
                Quote3Error.Unexpected => nameof(AesmError.UnexpectedError),
                Quote3Error.InvalidParameter => nameof(AesmError.ParameterError),
                Quote3Error.OutOfMemory => nameof(AesmError.OutOfMemoryError),
                Quote3Error.PathnameBufferOverflow => nameof(AesmError.PathnameBufferOverflowError),
                Quote3Error.StoredKey => nameof(AesmError.ErrorStoredKey),
                _ => error.ToString(),
            };
            Assert.Equal(expectedName, mapped.ToString());
        }
        Assert.All(appSideOnly, e => Assert.Equal(AesmError.UnexpectedError, Quote3ErrorMapping.ToAesmError((uint)e)));
    }

    [Fact]
    public void Without_SGX_devices_the_backend_is_unavailable_and_says_which_device()
    {
        var reason = DcapAvailability.WhyUnavailable("/nonexistent-dev");
        Assert.Contains("/nonexistent-dev/sgx_enclave", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_library_or_symbol_is_platform_lib_unavailable_with_an_install_hint()
    {
        foreach (var failure in new Exception[] { new DllNotFoundException("libsgx_dcap_ql.so.1: cannot open shared object file"), new EntryPointNotFoundException("sgx_qe_get_quote_size") })
        {
            var library = new ScriptedDcapLibrary { LoadFailure = failure };
            var e = await Assert.ThrowsAsync<QuotingEnclaveException>(() => new DcapQuotingEnclave(library).GetQuoteSizeAsync(default).AsTask());
            Assert.Equal(AesmError.PlatformLibUnavailable, e.Error);
            Assert.Contains("libsgx-dcap-ql", e.Message, StringComparison.Ordinal);
        }
    }
}
