namespace Confcom.Aesm.Client.Results;

/// <summary>
/// GetQuoteEx reply. <see cref="Quote"/> is the whole <c>buf_size</c> buffer as aesmd returns it (quote followed
/// by zero padding); trim it with the quote's signature_data_len. <see cref="QeReportInfo"/> is the 960-byte
/// <c>sgx_qe_report_info_t</c> when one was sent.
/// </summary>
public sealed record AesmQuoteResult(uint ErrorCode, byte[]? Quote, byte[]? QeReportInfo);
