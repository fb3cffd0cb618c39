namespace Confcom.Aesm.Client;

/// <summary>An AESM call that got no usable reply; the message names the socket.</summary>
public sealed class AesmTransportException : Exception
{
    /// <summary>Creates an AESM transport exception.</summary>
    public AesmTransportException(AesmTransportFailure kind, string socketPath, string message, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        SocketPath = socketPath;
    }

    /// <summary>The kind.</summary>
    public AesmTransportFailure Kind { get; }

    /// <summary>The socket path.</summary>
    public string SocketPath { get; }
}
