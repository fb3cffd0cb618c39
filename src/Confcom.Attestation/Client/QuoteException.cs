using Confcom.Aesm.Quoting;

namespace Confcom.Attestation.Client;

/// <summary>
/// A quote could not be obtained. Carries the codes Intel's libraries would have returned for the same failure
/// (<see cref="Status"/> from <c>libsgx_quote_ex</c>, <see cref="Quote3Error"/> from <c>libsgx_dcap_ql</c>), the
/// AESM code when the quote helper answered with one, and a message that says what to check.
/// </summary>
public sealed class QuoteException : Exception
{
    internal QuoteException(QuoteOperation operation, SgxStatus status, AesmError? aesmError, string message, Exception? inner = null)
        : base(message, inner)
    {
        Operation = operation;
        Status = status;
        Quote3Error = IntelErrorMapping.ToQuote3Error(status);
        AesmError = aesmError;
    }

    /// <summary>The call that failed.</summary>
    public QuoteOperation Operation { get; }

    /// <summary>What <c>sgx_*_quote_ex</c> would have returned.</summary>
    public SgxStatus Status { get; }

    /// <summary>What <c>sgx_qe_*</c> (DCAP quote library) would have returned.</summary>
    public Quote3Error Quote3Error { get; }

    /// <summary>The AESM error code from the quote helper's reply, or null for transport failures.</summary>
    public AesmError? AesmError { get; }

    /// <summary>
    /// True when retrying the whole sequence (from <c>GetTargetInfoAsync</c>) can help: busy, timeout, or the
    /// attestation key was reset.
    /// </summary>
    public bool IsTransient => Status is SgxStatus.Busy or SgxStatus.ServiceTimeout or SgxStatus.AttKeyUninitialized;
}
