using Confcom.Aesm.Client;
using Confcom.Aesm.Quoting;
using Confcom.Sgx.Quotes;
using Confcom.Sgx.Structures;

namespace Confcom.Attestation.Client;

/// <summary>
/// Out-of-process quoting through the AESM socket, call for call what DCAP's quote library does with
/// <c>SGX_AESM_ADDR</c> set: InitQuoteEx without and then with a 32-byte public key id buffer, GetQuoteSizeEx,
/// GetQuoteEx with buf_size = that size and no QE report info; always the default QE3 ECDSA key id.
/// </summary>
internal sealed class AesmQuoteSource(string socketPath, TimeSpan callTimeout) : IQuoteSource
{
    /// <summary>DCAP accepts only a 32-byte ECDSA_ID (SHA-256 of the attestation key and QE auth data).</summary>
    private const int PublicKeyIdSize = 32;

    private static readonly byte[] AttestationKeyId = SgxAttestationKeyId.DefaultEcdsaP256.ToArray();

    private readonly AesmClient _client = new(socketPath, callTimeout);

    public string Endpoint => _client.SocketPath;

    public async Task<QuotingEnclaveTarget> InitAsync(CancellationToken cancellationToken)
    {
        const QuoteOperation operation = QuoteOperation.InitQuote;
        var sizing = await Call(operation, ct => _client.InitQuoteExAsync(AttestationKeyId, wantPubKeyId: false, bufSize: null, ct), cancellationToken).ConfigureAwait(false);
        ThrowIfAesmError(operation, sizing.ErrorCode);
        if (sizing.PubKeyIdSize != PublicKeyIdSize)
        {
            throw Malformed(operation, $"pub_key_id_size is {sizing.PubKeyIdSize?.ToString() ?? "missing"}, DCAP requires {PublicKeyIdSize}");
        }
        var keyed = await Call(operation, ct => _client.InitQuoteExAsync(AttestationKeyId, wantPubKeyId: true, bufSize: PublicKeyIdSize, ct), cancellationToken).ConfigureAwait(false);
        ThrowIfAesmError(operation, keyed.ErrorCode);
        if (keyed.TargetInfo is not { Length: SgxTargetInfo.Size } targetInfo)
        {
            throw Malformed(operation, $"target_info is {keyed.TargetInfo?.Length.ToString() ?? "missing"} bytes, expected {SgxTargetInfo.Size}");
        }
        if (keyed.PubKeyId is not { Length: PublicKeyIdSize } publicKeyId)
        {
            throw Malformed(operation, $"pub_key_id is {keyed.PubKeyId?.Length.ToString() ?? "missing"} bytes, expected {PublicKeyIdSize}");
        }
        return new QuotingEnclaveTarget(SgxTargetInfo.Parse(targetInfo), publicKeyId);
    }

    public async Task<uint> GetQuoteSizeAsync(CancellationToken cancellationToken)
    {
        const QuoteOperation operation = QuoteOperation.GetQuoteSize;
        var reply = await Call(operation, ct => _client.GetQuoteSizeExAsync(AttestationKeyId, ct), cancellationToken).ConfigureAwait(false);
        ThrowIfAesmError(operation, reply.ErrorCode);
        return reply.QuoteSize is { } size and > 0 ? size : throw Malformed(operation, "quote_size is missing or 0");
    }

    public async Task<byte[]> GetQuoteAsync(SgxReport report, uint quoteSize, CancellationToken cancellationToken)
    {
        const QuoteOperation operation = QuoteOperation.GetQuote;
        var reply = await Call(operation, ct => _client.GetQuoteExAsync(report.ToArray(), AttestationKeyId, null, quoteSize, ct), cancellationToken).ConfigureAwait(false);
        ThrowIfAesmError(operation, reply.ErrorCode);
        if (reply.Quote is not { } buffer || buffer.Length > quoteSize)
        {
            // Intel's client rejects a quote longer than the buffer it offered.
            throw Malformed(operation, $"the quote is {reply.Quote?.Length.ToString() ?? "missing"} bytes for a {quoteSize}-byte buffer");
        }
        try
        {
            return QuoteParser.TrimZeroPadding(buffer).ToArray();
        }
        catch (QuoteFormatException ex)
        {
            throw Malformed(operation, $"the returned quote is not a DCAP quote: {ex.Message}", ex);
        }
    }

    private async Task<T> Call<T>(QuoteOperation operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call(cancellationToken).ConfigureAwait(false);
        }
        catch (AesmTransportException ex)
        {
            var (status, message) = ex.Kind switch
            {
                AesmTransportFailure.NotReachable => (SgxStatus.ServiceUnavailable, QuoteErrorMessages.NotReachable(Endpoint)),
                AesmTransportFailure.Timeout => (SgxStatus.ServiceTimeout, QuoteErrorMessages.TimedOut(Endpoint, operation, _client.CallTimeout)),
                AesmTransportFailure.ClosedWithoutReply => (SgxStatus.Unexpected, QuoteErrorMessages.BrokenReply(Endpoint, operation, "connection closed without a reply")),
                _ => (SgxStatus.Unexpected, QuoteErrorMessages.BrokenReply(Endpoint, operation, "malformed reply")),
            };
            throw new QuoteException(operation, status, null, QuoteErrorMessages.WithCodes(message, status), ex);
        }
    }

    private void ThrowIfAesmError(QuoteOperation operation, uint errorCode)
    {
        if (errorCode == 0)
        {
            return;
        }
        var error = (AesmError)errorCode;
        var status = IntelErrorMapping.ToSgxStatus(error, operation);
        throw new QuoteException(operation, status, error,
            QuoteErrorMessages.WithCodes(QuoteErrorMessages.FromAesm($"quote helper at {Endpoint}", operation, error, status), status));
    }

    private QuoteException Malformed(QuoteOperation operation, string detail, Exception? inner = null) =>
        new(operation, SgxStatus.Unexpected, null,
            QuoteErrorMessages.WithCodes(QuoteErrorMessages.BrokenReply(Endpoint, operation, detail), SgxStatus.Unexpected), inner);
}
