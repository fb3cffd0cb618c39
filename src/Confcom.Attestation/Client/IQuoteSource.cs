using Confcom.Aesm.Quoting;
using Confcom.Sgx.Structures;

namespace Confcom.Attestation.Client;

/// <summary>
/// The in-process / out-of-process seam behind <see cref="QuoteClient"/>. Implementations throw
/// <see cref="QuoteException"/> with Intel's codes already mapped.
/// </summary>
internal interface IQuoteSource
{
    /// <summary>Where quotes come from, for messages and logs (a socket path, or the in-process backend name).</summary>
    string Endpoint { get; }

    Task<QuotingEnclaveTarget> InitAsync(CancellationToken cancellationToken);

    Task<uint> GetQuoteSizeAsync(CancellationToken cancellationToken);

    /// <summary>The quote for <paramref name="report"/>, trimmed to its real length.</summary>
    Task<byte[]> GetQuoteAsync(SgxReport report, uint quoteSize, CancellationToken cancellationToken);
}
