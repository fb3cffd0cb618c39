namespace Confcom.QuoteHelper.Server;

/// <summary>Another process (an aesmd or a second quote helper) is answering on the socket we were asked to bind.</summary>
public sealed class AesmSocketInUseException : Exception
{
    public AesmSocketInUseException(string socketPath)
        : base($"another AESM service is already answering on {socketPath}; stop it (e.g. 'systemctl stop aesmd' or the other quote helper) or pass a different --socket")
    {
        SocketPath = socketPath;
    }

    public string SocketPath { get; }
}
