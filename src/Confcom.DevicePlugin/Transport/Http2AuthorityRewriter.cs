using System.Buffers;
using System.Text;

namespace Confcom.DevicePlugin.Transport;

/// <summary>
/// The byte-level part of <see cref="LocalhostAuthorityMiddleware"/> for one connection's inbound stream: passes the
/// client preface and every frame through unchanged, except that each request header block (a HEADERS frame and
/// its CONTINUATIONs) is re-emitted with any <c>:authority</c> value replaced by the literal <c>localhost</c>.
/// Only the HPACK representation boundaries are read (integers and string lengths, RFC 7541 §5, §6); no value is
/// decoded, Huffman or not. A block it cannot walk is passed on untouched, for Kestrel to judge.
/// </summary>
internal sealed class Http2AuthorityRewriter
{
    private const int PrefaceLength = 24;
    private const int FrameHeaderLength = 9;
    private const byte Headers = 0x1;
    private const byte Continuation = 0x9;
    private const byte EndHeaders = 0x4;
    private const byte Padded = 0x8;
    private const byte Priority = 0x20;

    /// <summary>Every HTTP/2 peer accepts frames of this size (the protocol minimum of SETTINGS_MAX_FRAME_SIZE).</summary>
    private const int SafeFrameSize = 16_384;

    private static readonly byte[] Localhost = Encoding.ASCII.GetBytes("localhost");
    private static readonly byte[] AuthorityName = Encoding.ASCII.GetBytes(":authority");

    private int _prefaceRemaining = PrefaceLength;
    private PendingBlock? _pending;

    /// <summary>Writes what can be forwarded of <paramref name="buffer"/>; returns how far it was consumed.</summary>
    public SequencePosition Process(ReadOnlySequence<byte> buffer, IBufferWriter<byte> output, bool isCompleted)
    {
        var reader = new SequenceReader<byte>(buffer);
        if (_prefaceRemaining > 0)
        {
            var take = (int)Math.Min(_prefaceRemaining, reader.Remaining);
            Write(output, buffer.Slice(reader.Position, take));
            reader.Advance(take);
            _prefaceRemaining -= take;
        }
        Span<byte> header = stackalloc byte[FrameHeaderLength];
        while (_prefaceRemaining == 0 && reader.Remaining >= FrameHeaderLength)
        {
            reader.TryCopyTo(header);
            var length = (header[0] << 16) | (header[1] << 8) | header[2];
            if (reader.Remaining < FrameHeaderLength + length)
            {
                break;
            }
            var frame = buffer.Slice(reader.Position, FrameHeaderLength + length).ToArray();
            reader.Advance(frame.Length);
            OnFrame(frame, output);
        }
        if (isCompleted && reader.Remaining > 0)
        {
            // A truncated last frame: forward it as it is; Kestrel reports the broken connection.
            Write(output, buffer.Slice(reader.Position));
            reader.Advance(reader.Remaining);
        }
        return reader.Position;
    }

    private void OnFrame(byte[] frame, IBufferWriter<byte> output)
    {
        var type = frame[3];
        var flags = frame[4];
        if (_pending is { } pending)
        {
            if (type != Continuation)
            {
                // Not allowed by HTTP/2; hand Kestrel exactly what the client sent.
                _pending = null;
                pending.WriteOriginal(output);
                output.Write(frame);
                return;
            }
            pending.Add(frame, frame.AsSpan(FrameHeaderLength));
            if ((flags & EndHeaders) != 0)
            {
                _pending = null;
                pending.WriteRewritten(output);
            }
            return;
        }
        if (type != Headers)
        {
            output.Write(frame);
            return;
        }
        var payload = frame.AsSpan(FrameHeaderLength);
        var offset = 0;
        var padding = 0;
        if ((flags & Padded) != 0)
        {
            if (payload.Length < 1)
            {
                output.Write(frame);
                return;
            }
            padding = payload[0];
            offset = 1;
        }
        var priorityLength = (flags & Priority) != 0 ? 5 : 0;
        if (offset + priorityLength + padding > payload.Length)
        {
            output.Write(frame);
            return;
        }
        var block = new PendingBlock(frame, (byte)(flags & ~Padded), payload.Slice(offset, priorityLength).ToArray());
        block.Add(null, payload[(offset + priorityLength)..(payload.Length - padding)]);
        if ((flags & EndHeaders) != 0)
        {
            block.WriteRewritten(output);
        }
        else
        {
            _pending = block;
        }
    }

    /// <summary>The header block with every :authority value replaced, or null when the block cannot be walked.</summary>
    internal static byte[]? Rewrite(ReadOnlySpan<byte> block)
    {
        var result = new List<byte>(block.Length);
        var changed = false;
        var i = 0;
        while (i < block.Length)
        {
            var start = i;
            var first = block[i];
            int prefix;
            if ((first & 0x80) != 0)
            {
                // Indexed field: name and value from the tables (static :authority has an empty value).
                if (!TryReadInteger(block, ref i, 7, out _))
                {
                    return null;
                }
                Append(result, block[start..i]);
                continue;
            }
            if ((first & 0xE0) == 0x20)
            {
                if (!TryReadInteger(block, ref i, 5, out _))
                {
                    return null;
                }
                Append(result, block[start..i]);
                continue;
            }
            prefix = (first & 0xC0) == 0x40 ? 6 : 4;
            if (!TryReadInteger(block, ref i, prefix, out var nameIndex))
            {
                return null;
            }
            var isAuthority = nameIndex == 1;
            if (nameIndex == 0)
            {
                var nameStart = i;
                if (!TrySkipString(block, ref i, out var huffman))
                {
                    return null;
                }
                isAuthority = !huffman && block[nameStart..i].EndsWith(AuthorityName) && i - nameStart == AuthorityName.Length + 1;
            }
            var valueStart = i;
            if (!TrySkipString(block, ref i, out _))
            {
                return null;
            }
            if (isAuthority)
            {
                // Same representation and name; the value becomes the plain literal "localhost" (7-bit length 9).
                Append(result, block[start..valueStart]);
                result.Add((byte)Localhost.Length);
                result.AddRange(Localhost);
                changed = true;
            }
            else
            {
                Append(result, block[start..i]);
            }
        }
        return changed ? [.. result] : block.ToArray();
    }

    private static void Append(List<byte> list, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            list.Add(b);
        }
    }

    private static bool TryReadInteger(ReadOnlySpan<byte> block, ref int i, int prefixBits, out long value)
    {
        var mask = (1 << prefixBits) - 1;
        value = block[i] & mask;
        i++;
        if (value < mask)
        {
            return true;
        }
        var shift = 0;
        while (i < block.Length)
        {
            var b = block[i++];
            value += (long)(b & 0x7F) << shift;
            shift += 7;
            if ((b & 0x80) == 0)
            {
                return value <= int.MaxValue;
            }
            if (shift > 28)
            {
                return false;
            }
        }
        return false;
    }

    private static bool TrySkipString(ReadOnlySpan<byte> block, ref int i, out bool huffman)
    {
        huffman = false;
        if (i >= block.Length)
        {
            return false;
        }
        huffman = (block[i] & 0x80) != 0;
        if (!TryReadInteger(block, ref i, 7, out var length) || length > block.Length - i)
        {
            return false;
        }
        i += (int)length;
        return true;
    }

    private static void Write(IBufferWriter<byte> output, ReadOnlySequence<byte> bytes)
    {
        foreach (var segment in bytes)
        {
            output.Write(segment.Span);
        }
    }

    /// <summary>One request header block being collected from a HEADERS frame and its CONTINUATIONs.</summary>
    private sealed class PendingBlock(byte[] headersFrame, byte flags, byte[] priority)
    {
        private readonly List<byte[]> _originalFrames = [headersFrame];
        private readonly List<byte> _fragment = [];

        public void Add(byte[]? continuationFrame, ReadOnlySpan<byte> fragment)
        {
            if (continuationFrame is not null)
            {
                _originalFrames.Add(continuationFrame);
            }
            Append(_fragment, fragment);
        }

        public void WriteOriginal(IBufferWriter<byte> output)
        {
            foreach (var frame in _originalFrames)
            {
                output.Write(frame);
            }
        }

        public void WriteRewritten(IBufferWriter<byte> output)
        {
            var block = Rewrite([.. _fragment]);
            if (block is null)
            {
                WriteOriginal(output);
                return;
            }
            var streamId = headersFrame.AsSpan(5, 4);
            var payload = new byte[priority.Length + block.Length];
            priority.CopyTo(payload, 0);
            block.CopyTo(payload, priority.Length);
            var offset = 0;
            var first = true;
            do
            {
                var chunk = Math.Min(SafeFrameSize, payload.Length - offset);
                var last = offset + chunk == payload.Length;
                var frameFlags = first ? (byte)(flags & ~EndHeaders) : (byte)0;
                if (last)
                {
                    frameFlags |= EndHeaders;
                }
                Span<byte> header = [(byte)(chunk >> 16), (byte)(chunk >> 8), (byte)chunk, first ? Headers : Continuation, frameFlags, streamId[0], streamId[1], streamId[2], streamId[3]];
                output.Write(header);
                output.Write(payload.AsSpan(offset, chunk));
                offset += chunk;
                first = false;
            }
            while (offset < payload.Length);
        }
    }
}
