using System.Net.Sockets;
using Confcom.Aesm.Protocol;

namespace Confcom.QuoteHelper.Server;

/// <summary>
/// Reads one AESM request frame (the same rules as <see cref="AesmFrame.ReadAsync"/>: 4-byte LE length, then the
/// body, refused before allocating when over the cap) and tells <see cref="OpenConnections"/> whenever a read has to
/// wait for the client. Only a connection whose read is waiting on the client is a candidate for eviction: one whose
/// request is already in the socket buffer but not yet read (this process's own delay under a burst of real clients)
/// is never dropped for it (see <see cref="OpenConnections"/> for the other rules).
/// </summary>
internal static class ClientRequestReader
{
    /// <summary>The request body; null when the client closed before sending anything (a connect-and-close probe).</summary>
    public static ValueTask<byte[]?> ReadAsync(ClientConnection connection, OpenConnections connections, int maxBodyBytes) =>
        AesmFrame.ReadAsync(buffer => FillAsync(connection, connections, buffer), maxBodyBytes);

    private static async ValueTask<int> FillAsync(ClientConnection connection, OpenConnections connections, Memory<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var receive = connection.Socket.ReceiveAsync(buffer[total..], SocketFlags.None, connection.Token);
            int n;
            if (receive.IsCompleted)
            {
                n = receive.Result;
            }
            else
            {
                connections.SetWaiting(connection, true);
                try
                {
                    n = await receive.ConfigureAwait(false);
                }
                finally
                {
                    connections.SetWaiting(connection, false);
                }
            }
            if (n == 0)
            {
                break;
            }
            connection.ReceivedAny = true;
            total += n;
        }
        return total;
    }
}
