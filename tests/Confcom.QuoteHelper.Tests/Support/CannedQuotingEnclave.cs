using Confcom.Aesm.Quoting;
using Confcom.Sgx.Structures;

namespace Confcom.QuoteHelper.Tests.Support;

/// <summary>
/// A test-only backend with fixed answers. The tests that use it are about the server (framing, dispatch, AESM
/// checks, padding, error replies, concurrency limits), whose behaviour must not depend on what a real QE signs;
/// the simulated QE3 is exercised by the end-to-end tests. It records the requests it saw and can block quotes on a
/// gate so that tests can observe concurrency deterministically.
/// </summary>
public sealed class CannedQuotingEnclave : IQuotingEnclave
{
    private int _inside;
    private int _maxInside;
    private int _quotes;

    public string Name => "canned";

    public SgxAttestationKeyId AttestationKeyId { get; init; } = SgxAttestationKeyId.DefaultEcdsaP256;

    public bool SupportsConcurrentQuotes { get; init; } = true;

    public byte[] TargetInfo { get; init; } = Enumerable.Range(0, SgxTargetInfo.Size).Select(i => (byte)(i * 7)).ToArray();

    public byte[] PublicKeyId { get; init; } = Enumerable.Range(0, 32).Select(i => (byte)(0xA0 + i)).ToArray();

    public byte[] Quote { get; init; } = Enumerable.Range(0, 1200).Select(i => (byte)(i % 251 + 1)).ToArray();

    /// <summary>Thrown from every call when set.</summary>
    public Exception? Failure { get; set; }

    /// <summary>When set, each quote waits for it (bounded by the token).</summary>
    public Func<CancellationToken, Task>? QuoteGate { get; set; }

    public int MaxConcurrentQuotesSeen => Volatile.Read(ref _maxInside);

    public int QuotesInside => Volatile.Read(ref _inside);

    public int QuotesGenerated => Volatile.Read(ref _quotes);

    public SgxReport? LastReport { get; private set; }

    public ValueTask<QuotingEnclaveTarget> InitAsync(CancellationToken cancellationToken)
    {
        ThrowIfFailing();
        return ValueTask.FromResult(new QuotingEnclaveTarget(SgxTargetInfo.Parse(TargetInfo), (byte[])PublicKeyId.Clone()));
    }

    public ValueTask<uint> GetQuoteSizeAsync(CancellationToken cancellationToken)
    {
        ThrowIfFailing();
        return ValueTask.FromResult((uint)Quote.Length);
    }

    public async ValueTask<GeneratedQuote> GetQuoteAsync(SgxReport appReport, SgxQeReportInfo? qeReportInfo, CancellationToken cancellationToken)
    {
        ThrowIfFailing();
        var now = Interlocked.Increment(ref _inside);
        int seen;
        while ((seen = Volatile.Read(ref _maxInside)) < now && Interlocked.CompareExchange(ref _maxInside, now, seen) != seen)
        {
        }
        try
        {
            LastReport = appReport;
            if (QuoteGate is { } gate)
            {
                await gate(cancellationToken);
            }
            Interlocked.Increment(ref _quotes);
            // A recognisable QE report: the app report's bytes, so tests can tell it was filled in.
            var filled = qeReportInfo?.WithQeReport(appReport);
            return new GeneratedQuote((byte[])Quote.Clone(), filled);
        }
        finally
        {
            Interlocked.Decrement(ref _inside);
        }
    }

    private void ThrowIfFailing()
    {
        if (Failure is { } failure)
        {
            throw failure;
        }
    }
}
