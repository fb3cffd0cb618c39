namespace Confcom.Aesm.Quoting;

/// <summary>A quoting failure with the AESM error code that goes on the wire and a message for the operator log.</summary>
public sealed class QuotingEnclaveException : Exception
{
    /// <summary>Creates a quoting enclave exception.</summary>
    public QuotingEnclaveException(AesmError error, string message, Exception? inner = null)
        : base(message, inner)
    {
        Error = error;
    }

    /// <summary>The error.</summary>
    public AesmError Error { get; }
}
