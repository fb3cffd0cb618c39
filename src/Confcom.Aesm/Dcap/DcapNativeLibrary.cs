using System.Runtime.InteropServices;

namespace Confcom.Aesm.Dcap;

/// <summary>
/// P/Invoke bindings to Intel's DCAP quote library. UNTESTED ON SGX HARDWARE: written from the DCAP headers
/// (<c>sgx_dcap_ql_wrapper.h</c>, <c>sgx_ql_core_wrapper.h</c>); only the marshalling around it is tested.
/// Symbols bind lazily on first call, so a missing library surfaces as <see cref="DllNotFoundException"/> then.
/// </summary>
internal sealed partial class DcapNativeLibrary : IDcapQuoteLibrary
{
    public const string QuoteLibrary = "libsgx_dcap_ql.so.1";
    public const string CoreLibrary = "libsgx_qe3_logic.so";

    public uint GetTargetInfo(Span<byte> targetInfo) => NativeMethods.sgx_qe_get_target_info(targetInfo);

    public uint GetQuoteSize(out uint quoteSize) => NativeMethods.sgx_qe_get_quote_size(out quoteSize);

    public uint GetQuote(ReadOnlySpan<byte> appReport, Span<byte> quote) =>
        NativeMethods.sgx_qe_get_quote(appReport, (uint)quote.Length, quote);

    public uint InitQuote(ReadOnlySpan<byte> attKeyId, Span<byte> targetInfo, Span<byte> publicKeyId, out nuint publicKeyIdSize)
    {
        nuint size = (nuint)publicKeyId.Length;
        var result = NativeMethods.sgx_ql_init_quote(attKeyId, targetInfo, refreshAttKey: false, ref size, publicKeyId);
        publicKeyIdSize = size;
        return result;
    }

    public uint GetQuoteWithQeReport(ReadOnlySpan<byte> appReport, ReadOnlySpan<byte> attKeyId, Span<byte> qeReportInfo, Span<byte> quote) =>
        NativeMethods.sgx_ql_get_quote(appReport, attKeyId, qeReportInfo, quote, (uint)quote.Length);

    private static partial class NativeMethods
    {
        [LibraryImport(QuoteLibrary)]
        internal static partial uint sgx_qe_get_target_info(Span<byte> p_qe_target_info);

        [LibraryImport(QuoteLibrary)]
        internal static partial uint sgx_qe_get_quote_size(out uint p_quote_size);

        [LibraryImport(QuoteLibrary)]
        internal static partial uint sgx_qe_get_quote(ReadOnlySpan<byte> p_app_report, uint quote_size, Span<byte> p_quote);

        [LibraryImport(CoreLibrary)]
        internal static partial uint sgx_ql_init_quote(ReadOnlySpan<byte> p_att_key_id, Span<byte> p_qe_target_info,
            [MarshalAs(UnmanagedType.U1)] bool refreshAttKey, ref nuint p_pub_key_id_size, Span<byte> p_pub_key_id);

        [LibraryImport(CoreLibrary)]
        internal static partial uint sgx_ql_get_quote(ReadOnlySpan<byte> p_app_report, ReadOnlySpan<byte> p_att_key_id,
            Span<byte> p_qe_report_info, Span<byte> p_quote, uint quote_size);
    }
}
