namespace Confcom.Attestation.Collateral;

/// <summary>Collateral could not be obtained; the message names the file or URL, the HTTP status, and what to check.</summary>
public sealed class CollateralUnavailableException : Exception
{
    public CollateralUnavailableException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    public CollateralUnavailableException()
    {
    }

    public CollateralUnavailableException(string message)
        : base(message)
    {
    }
}
