using Confcom.Aesm.Quoting;
using Confcom.Aesm.Dcap;
using Confcom.Sgx.Structures;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Confcom.Attestation.Client;

/// <summary>
/// Gets DCAP quotes for an enclave the way Intel's DCAP quote library does: out of process through the AESM socket
/// when <c>SGX_AESM_ADDR</c> is set (any value), otherwise in process through an
/// <see cref="Confcom.Aesm.Quoting.IQuotingEnclave"/>. The sequence is always:
/// <see cref="GetTargetInfoAsync"/>, the enclave makes a REPORT for that target, <see cref="GetQuoteAsync"/>.
/// Failures are <see cref="QuoteException"/>s carrying Intel's <c>sgx_status_t</c> and <c>quote3_error_t</c>.
/// Thread-safe: each call is independent (out of process, one connection per call).
/// </summary>
public sealed partial class QuoteClient
{
    private readonly IQuoteSource _source;
    private readonly ILogger _logger;

    /// <summary>Creates a client; the mode is fixed here, as DCAP fixes it when the library loads.</summary>
    /// <exception cref="ArgumentException">
    /// In-process mode was selected, no in-process backend was given, and this machine cannot run Intel's DCAP library.
    /// </exception>
    public QuoteClient(QuoteClientOptions options, ILogger<QuoteClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger ?? NullLogger<QuoteClient>.Instance;
        Mode = options.ResolveMode();
        _source = Mode == QuotingMode.OutOfProcess
            ? new AesmQuoteSource(options.AesmSocketPath, options.CallTimeout)
            : new EnclaveQuoteSource(options.InProcessEnclave ?? HardwareBackend());
        LogModeSelected(Mode, _source.Endpoint);
    }

    /// <summary>In-process or out-of-process, as resolved at construction.</summary>
    public QuotingMode Mode { get; }

    /// <summary>The quote helper socket path, or a description of the in-process backend.</summary>
    public string Endpoint => _source.Endpoint;

    /// <summary>
    /// The quoting enclave's target info (<c>sgx_qe_get_target_info</c>): give it to EREPORT so the QE can check the
    /// REPORT. Out of process this also makes the quote helper create and certify its attestation key if needed.
    /// </summary>
    public async Task<SgxTargetInfo> GetTargetInfoAsync(CancellationToken cancellationToken = default)
    {
        var target = await Run(QuoteOperation.InitQuote, ct => _source.InitAsync(ct), cancellationToken).ConfigureAwait(false);
        return target.TargetInfo;
    }

    /// <summary>
    /// The quote for <paramref name="report"/> (<c>sgx_qe_get_quote_size</c> then <c>sgx_qe_get_quote</c>),
    /// trimmed to its real length.
    /// </summary>
    public async Task<byte[]> GetQuoteAsync(SgxReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var size = await Run(QuoteOperation.GetQuoteSize, ct => _source.GetQuoteSizeAsync(ct), cancellationToken).ConfigureAwait(false);
        var quote = await Run(QuoteOperation.GetQuote, ct => _source.GetQuoteAsync(report, size, ct), cancellationToken).ConfigureAwait(false);
        LogQuoteObtained(quote.Length, _source.Endpoint);
        return quote;
    }

    /// <summary>
    /// DCAP's in-process path: Intel's QE3/PCE through <c>libsgx_dcap_ql</c> in this process, when this machine can
    /// run it; otherwise a message that names what is missing and the out-of-process alternative.
    /// </summary>
    private static DcapQuotingEnclave HardwareBackend() => DcapAvailability.WhyUnavailable() is { } reason
        ? throw new ArgumentException(
            $"in-process quoting needs SGX here ({reason}) or QuoteClientOptions.InProcessEnclave; to use the node's " +
            $"quote helper instead, set {QuoteClientOptions.AesmAddressVariable}=1 and mount /var/run/aesmd", "options")
        : new DcapQuotingEnclave();

    private async Task<T> Run<T>(QuoteOperation operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call(cancellationToken).ConfigureAwait(false);
        }
        catch (QuoteException ex)
        {
            LogQuoteFailed(ex, QuoteErrorMessages.Name(operation), _source.Endpoint, (uint)ex.Status, (uint)ex.Quote3Error);
            throw;
        }
    }
}
