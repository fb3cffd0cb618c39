using Confcom.Aesm.Quoting;
using Confcom.Sgx.Structures;

namespace Confcom.Attestation.Client;

/// <summary>Out-of-process quoting through the AESM socket (interim: waits for the aesm branch's AesmClient).</summary>
internal sealed class AesmQuoteSource(string socketPath, TimeSpan readTimeout) : IQuoteSource
{
    public string Endpoint => socketPath;

    public TimeSpan ReadTimeout => readTimeout;

    public Task<QuotingEnclaveTarget> InitAsync(CancellationToken cancellationToken) => throw Pending(QuoteOperation.InitQuote);

    public Task<uint> GetQuoteSizeAsync(CancellationToken cancellationToken) => throw Pending(QuoteOperation.GetQuoteSize);

    public Task<byte[]> GetQuoteAsync(SgxReport report, uint quoteSize, CancellationToken cancellationToken) => throw Pending(QuoteOperation.GetQuote);

    private QuoteException Pending(QuoteOperation operation) =>
        new(operation, SgxStatus.ServiceUnavailable, null, QuoteErrorMessages.WithCodes(
            $"out-of-process quoting via {socketPath} is not built yet (needs the AESM client)", SgxStatus.ServiceUnavailable));
}
