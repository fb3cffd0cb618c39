namespace Confcom.Aesm.Client;

/// <summary>An AESM call that got no usable reply; the message names the socket.</summary>
public sealed class AesmTransportException : Exception
{
    public AesmTransportException(AesmTransportFailure kind, string socketPath, string message, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        SocketPath = socketPath;
    }

    public AesmTransportFailure Kind { get; }

    public string SocketPath { get; }
}
