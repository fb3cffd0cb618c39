using Confcom.Aesm.Quoting;
using Confcom.Sgx.Structures;

namespace Confcom.Attestation.Tests.Client;

/// <summary>
/// A backend that fails every call with one AESM code: the simulated QE cannot be made to fail on demand, and the
/// in-process error path needs each code.
/// </summary>
internal sealed class FailingQuotingEnclave(AesmError error) : IQuotingEnclave
{
    public string Name => "failing-test-backend";

    public SgxAttestationKeyId AttestationKeyId => SgxAttestationKeyId.DefaultEcdsaP256;

    public bool SupportsConcurrentQuotes => true;

    public ValueTask<QuotingEnclaveTarget> InitAsync(CancellationToken cancellationToken) =>
        throw new QuotingEnclaveException(error, $"test backend fails InitQuoteEx with {error}");

    public ValueTask<uint> GetQuoteSizeAsync(CancellationToken cancellationToken) =>
        throw new QuotingEnclaveException(error, $"test backend fails GetQuoteSizeEx with {error}");

    public ValueTask<GeneratedQuote> GetQuoteAsync(SgxReport appReport, SgxQeReportInfo? qeReportInfo, CancellationToken cancellationToken) =>
        throw new QuotingEnclaveException(error, $"test backend fails GetQuoteEx with {error}");
}
