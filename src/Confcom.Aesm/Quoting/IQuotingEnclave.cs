using Confcom.Sgx.Structures;

namespace Confcom.Aesm.Quoting;

/// <summary>
/// The quoting enclave pair (QE3 + PCE) behind the quote helper: the seam where hardware (<c>libsgx_dcap_ql</c>)
/// and simulation differ. Failures are reported as <see cref="QuotingEnclaveException"/> carrying the
/// <see cref="AesmError"/> that AESM would put on the wire.
/// </summary>
public interface IQuotingEnclave
{
    /// <summary>Short backend name for logs and metrics ("simulated", "dcap").</summary>
    string Name { get; }

    /// <summary>The single attestation key this backend offers (QE3: ECDSA P-256).</summary>
    SgxAttestationKeyId AttestationKeyId { get; }

    /// <summary>
    /// True when <see cref="GetQuoteAsync"/> may run concurrently with itself. The hardware library serialises
    /// internally; a software QE can sign in parallel.
    /// </summary>
    bool SupportsConcurrentQuotes { get; }

    /// <summary>
    /// InitQuoteEx: make sure the attestation key exists and is certified, and return the QE's target info and
    /// the 32-byte key id SHA-256(attestation public key ‖ QE authentication data).
    /// </summary>
    ValueTask<QuotingEnclaveTarget> InitAsync(CancellationToken cancellationToken);

    /// <summary>GetQuoteSizeEx: the exact size of the quotes this backend produces.</summary>
    ValueTask<uint> GetQuoteSizeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// GetQuoteEx: verify the app's REPORT (targeted at this QE), and return the quote (exact length, no padding).
    /// When <paramref name="qeReportInfo"/> is given, also return it with its QE report filled: targeted at the
    /// app's target info, report_data = SHA-256(nonce ‖ quote) ‖ 32 zero bytes.
    /// </summary>
    ValueTask<GeneratedQuote> GetQuoteAsync(SgxReport appReport, SgxQeReportInfo? qeReportInfo, CancellationToken cancellationToken);
}
