using Confcom.Aesm.Quoting;
using Confcom.Attestation.Client;
using Confcom.Sgx.Structures;

namespace Confcom.Attestation.Tests.Client;

/// <summary>
/// A backend that fails one call with one AESM code and answers the calls before it: the simulated QE cannot be
/// made to fail on demand, and the in-process error path needs each code at each call.
/// </summary>
internal sealed class FailingQuotingEnclave(AesmError error, QuoteOperation failingAt = QuoteOperation.InitQuote) : IQuotingEnclave
{
    public string Name => "failing-test-backend";

    public SgxAttestationKeyId AttestationKeyId => SgxAttestationKeyId.DefaultEcdsaP256;

    public bool SupportsConcurrentQuotes => true;

    public ValueTask<QuotingEnclaveTarget> InitAsync(CancellationToken cancellationToken) =>
        failingAt == QuoteOperation.InitQuote
            ? throw new QuotingEnclaveException(error, $"test backend fails InitQuoteEx with {error}")
            : ValueTask.FromResult(new QuotingEnclaveTarget(SgxTargetInfo.Parse(CannedAesmReplies.TargetInfo), CannedAesmReplies.PublicKeyId));

    public ValueTask<uint> GetQuoteSizeAsync(CancellationToken cancellationToken) =>
        failingAt == QuoteOperation.GetQuoteSize
            ? throw new QuotingEnclaveException(error, $"test backend fails GetQuoteSizeEx with {error}")
            : ValueTask.FromResult((uint)CannedAesmReplies.SampleQuote.Length);

    public ValueTask<GeneratedQuote> GetQuoteAsync(SgxReport appReport, SgxQeReportInfo? qeReportInfo, CancellationToken cancellationToken) =>
        throw new QuotingEnclaveException(error, $"test backend fails GetQuoteEx with {error}");
}
