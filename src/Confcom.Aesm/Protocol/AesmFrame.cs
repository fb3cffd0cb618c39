using System.Buffers.Binary;
using System.Net.Sockets;
using Google.Protobuf;

namespace Confcom.Aesm.Protocol;

/// <summary>
/// AESM framing: a 4-byte little-endian length (Intel's client <c>memcpy</c>s a host-order <c>uint32_t</c>, so
/// little-endian on x86-64) followed by that many bytes of serialized protobuf. One frame each way per connection.
/// </summary>
internal static class AesmFrame
{
    public const int LengthPrefixSize = 4;

    /// <summary>The default cap on a request body; AESM has none, a quote request is under 2 KiB.</summary>
    public const int DefaultMaxBodyBytes = 1024 * 1024;

    /// <summary>Length prefix and body in one buffer, so a frame goes out in one write.</summary>
    public static byte[] Encode(IMessage message)
    {
        var size = message.CalculateSize();
        if (size == 0)
        {
            // Intel's client reads length 0 as "peer closed" and then dereferences a NULL response.
            throw new ArgumentException("an AESM frame body must not be empty", nameof(message));
        }
        var frame = new byte[LengthPrefixSize + size];
        BinaryPrimitives.WriteUInt32LittleEndian(frame, (uint)size);
        message.WriteTo(frame.AsSpan(LengthPrefixSize));
        return frame;
    }

    /// <summary>
    /// Reads one frame body. Returns null when the peer closed before sending a single byte (a connect-and-close
    /// probe); throws <see cref="AesmFrameException"/> for a frame that is empty, over <paramref name="maxBodyBytes"/>
    /// (refused before allocating) or cut short. Length and body may arrive in any number of reads.
    /// </summary>
    public static ValueTask<byte[]?> ReadAsync(Socket socket, int maxBodyBytes, CancellationToken cancellationToken) =>
        ReadAsync(buffer => ReadFullyAsync(socket, buffer, cancellationToken), maxBodyBytes);

    /// <summary>
    /// The same rules over any source: <paramref name="fill"/> fills the buffer it is given and returns how many
    /// bytes it got, fewer only when the peer closed (the quote helper's reader also tracks waiting connections).
    /// </summary>
    public static async ValueTask<byte[]?> ReadAsync(Func<Memory<byte>, ValueTask<int>> fill, int maxBodyBytes)
    {
        ArgumentNullException.ThrowIfNull(fill);
        var prefix = new byte[LengthPrefixSize];
        var got = await fill(prefix).ConfigureAwait(false);
        if (got == 0)
        {
            return null;
        }
        if (got < LengthPrefixSize)
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
        got = await fill(body).ConfigureAwait(false);
        if (got < body.Length)
        {
            throw new AesmFrameException(AesmFrameError.Truncated, $"connection closed after {got} of {length} body bytes");
        }
        return body;
    }

    private static async ValueTask<int> ReadFullyAsync(Socket socket, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = await socket.ReceiveAsync(buffer[total..], SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }
            total += n;
        }
        return total;
    }
}
