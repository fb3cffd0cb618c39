using System.Buffers.Binary;
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
    public static async ValueTask<byte[]?> ReadAsync(ClientConnection connection, OpenConnections connections, int maxBodyBytes)
    {
        var prefix = new byte[AesmFrame.LengthPrefixSize];
        var got = await FillAsync(connection, connections, prefix).ConfigureAwait(false);
        if (got == 0)
        {
            return null;
        }
        if (got < prefix.Length)
        {
            throw new AesmFrameException(AesmFrameError.Truncated, $"connection closed after {got} of the 4 length bytes");
        }
        var length = BinaryPrimitives.ReadUInt32LittleEndian(prefix);
        if (length == 0)
        {
            throw new AesmFrameException(AesmFrameError.Empty, "frame length is 0");
        }
        if (length > (uint)maxBodyBytes)
        {
            throw new AesmFrameException(AesmFrameError.TooLarge, $"frame length {length} exceeds the limit of {maxBodyBytes} bytes");
        }
        var body = new byte[length];
        got = await FillAsync(connection, connections, body).ConfigureAwait(false);
        if (got < body.Length)
        {
            throw new AesmFrameException(AesmFrameError.Truncated, $"connection closed after {got} of {length} body bytes");
        }
        return body;
    }

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
