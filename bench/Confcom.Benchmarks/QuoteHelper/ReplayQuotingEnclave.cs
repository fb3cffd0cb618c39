using Confcom.Aesm.Quoting;
using Confcom.Sgx.Structures;

namespace Confcom.Benchmarks.QuoteHelper;

/// <summary>
/// Replays one quote made by the real simulated QE3, without signing: the benchmark's transport ceiling
/// (what the socket, framing and dispatch cost on their own).
/// </summary>
internal sealed class ReplayQuotingEnclave(IQuotingEnclave source, QuotingEnclaveTarget target, byte[] quote) : IQuotingEnclave
{
    public string Name => "replay";

    public SgxAttestationKeyId AttestationKeyId => source.AttestationKeyId;

    public bool SupportsConcurrentQuotes => true;

    public ValueTask<QuotingEnclaveTarget> InitAsync(CancellationToken cancellationToken) => ValueTask.FromResult(target);

    public ValueTask<uint> GetQuoteSizeAsync(CancellationToken cancellationToken) => ValueTask.FromResult((uint)quote.Length);

    public ValueTask<GeneratedQuote> GetQuoteAsync(SgxReport appReport, SgxQeReportInfo? qeReportInfo, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new GeneratedQuote(quote, null));
}
