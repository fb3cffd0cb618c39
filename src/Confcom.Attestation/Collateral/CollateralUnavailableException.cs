namespace Confcom.Attestation.Collateral;

/// <summary>Collateral could not be obtained; the message names the file or URL, the HTTP status, and what to check.</summary>
public sealed class CollateralUnavailableException : Exception
{
    /// <summary>Creates a collateral unavailable exception.</summary>
    public CollateralUnavailableException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>Creates a collateral unavailable exception.</summary>
    public CollateralUnavailableException()
    {
    }

    /// <summary>Creates a collateral unavailable exception.</summary>
    public CollateralUnavailableException(string message)
        : base(message)
    {
    }
}
