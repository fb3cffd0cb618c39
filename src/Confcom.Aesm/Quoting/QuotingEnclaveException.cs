namespace Confcom.Aesm.Quoting;

/// <summary>A quoting failure with the AESM error code that goes on the wire and a message for the operator log.</summary>
public sealed class QuotingEnclaveException : Exception
{
    public QuotingEnclaveException(AesmError error, string message, Exception? inner = null)
        : base(message, inner)
    {
        Error = error;
    }

    public AesmError Error { get; }
}
