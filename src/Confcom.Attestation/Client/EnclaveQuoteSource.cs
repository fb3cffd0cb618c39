using Confcom.Aesm.Quoting;
using Confcom.Sgx.Structures;

namespace Confcom.Attestation.Client;

/// <summary>In-process quoting: the app calls the quoting enclave backend directly, as DCAP does without SGX_AESM_ADDR.</summary>
internal sealed class EnclaveQuoteSource(IQuotingEnclave enclave) : IQuoteSource
{
    public string Endpoint { get; } = $"in-process quoting enclave ({enclave.Name})";

    public Task<QuotingEnclaveTarget> InitAsync(CancellationToken cancellationToken) =>
        Call(QuoteOperation.InitQuote, () => enclave.InitAsync(cancellationToken));

    public Task<uint> GetQuoteSizeAsync(CancellationToken cancellationToken) =>
        Call(QuoteOperation.GetQuoteSize, () => enclave.GetQuoteSizeAsync(cancellationToken));

    public async Task<byte[]> GetQuoteAsync(SgxReport report, uint quoteSize, CancellationToken cancellationToken)
    {
        var generated = await Call(QuoteOperation.GetQuote, () => enclave.GetQuoteAsync(report, null, cancellationToken)).ConfigureAwait(false);
        if (generated.Quote.Length > quoteSize)
        {
            throw new QuoteException(QuoteOperation.GetQuote, SgxStatus.Unexpected, null, QuoteErrorMessages.WithCodes(
                $"{Endpoint} produced a {generated.Quote.Length}-byte quote but announced {quoteSize} bytes", SgxStatus.Unexpected));
        }
        return generated.Quote;
    }

    private async Task<T> Call<T>(QuoteOperation operation, Func<ValueTask<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (QuotingEnclaveException ex)
        {
            // The backend speaks AESM codes; run them through the same chain an out-of-process app would see.
            var status = IntelErrorMapping.ToSgxStatus(ex.Error, operation);
            var message = QuoteErrorMessages.FromAesm(Endpoint, operation, ex.Error, status) + $" ({ex.Message})";
            throw new QuoteException(operation, status, ex.Error, QuoteErrorMessages.WithCodes(message, status), ex);
        }
    }
}
