namespace Confcom.Aesm.Protocol;

/// <summary>A frame that cannot be a valid AESM message, with the reason.</summary>
internal sealed class AesmFrameException : Exception
{
    public AesmFrameException(AesmFrameError error, string message)
        : base(message)
    {
        Error = error;
    }

    public AesmFrameError Error { get; }
}
