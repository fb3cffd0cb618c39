namespace Confcom.Aesm.Dcap;

/// <summary>
/// The native quote-library calls the DCAP backend makes, one method per C function, buffers as spans. The seam
/// exists so that the marshalling around it (buffer sizes, result mapping) can be tested without SGX hardware;
/// <see cref="DcapNativeLibrary"/> is the only real implementation. Every method returns the raw <c>quote3_error_t</c>.
/// </summary>
internal interface IDcapQuoteLibrary
{
    /// <summary><c>sgx_qe_get_target_info(sgx_target_info_t*)</c> (libsgx_dcap_ql); generates and certifies the key on first use.</summary>
    uint GetTargetInfo(Span<byte> targetInfo);

    /// <summary><c>sgx_qe_get_quote_size(uint32_t*)</c> (libsgx_dcap_ql).</summary>
    uint GetQuoteSize(out uint quoteSize);

    /// <summary><c>sgx_qe_get_quote(const sgx_report_t*, uint32_t, uint8_t*)</c> (libsgx_dcap_ql).</summary>
    uint GetQuote(ReadOnlySpan<byte> appReport, Span<byte> quote);

    /// <summary>
    /// <c>sgx_ql_init_quote(sgx_ql_att_key_id_t*, sgx_target_info_t*, bool, size_t*, uint8_t*)</c> (libsgx_qe3_logic,
    /// which libsgx_dcap_ql wraps): the only call that reveals the 32-byte public key id.
    /// </summary>
    uint InitQuote(ReadOnlySpan<byte> attKeyId, Span<byte> targetInfo, Span<byte> publicKeyId, out nuint publicKeyIdSize);

    /// <summary>
    /// <c>sgx_ql_get_quote(const sgx_report_t*, const sgx_ql_att_key_id_t*, sgx_ql_qe_report_info_t*, uint8_t*, uint32_t)</c>
    /// (libsgx_qe3_logic): the variant that also fills a QE report for the app.
    /// </summary>
    uint GetQuoteWithQeReport(ReadOnlySpan<byte> appReport, ReadOnlySpan<byte> attKeyId, Span<byte> qeReportInfo, Span<byte> quote);
}
