using System.Buffers.Binary;

namespace Confcom.Sgx.Quotes;

/// <summary>
/// Bounds-checked cursor over a quote or over one length-delimited block inside it. Offsets are absolute (from the
/// first quote byte) so errors point at the same offset <c>xxd</c> shows. Lengths arrive as u16/u32 and are compared
/// as 64-bit numbers, so a huge declared length can never overflow into an index.
/// </summary>
internal struct QuoteReader
{
    private readonly ReadOnlyMemory<byte> _quote;
    private readonly int _start;
    private readonly int _end;
    private readonly string _container;

    public QuoteReader(ReadOnlyMemory<byte> quote)
        : this(quote, 0, quote.Length, "quote")
    {
    }

    private QuoteReader(ReadOnlyMemory<byte> quote, int start, int end, string container)
    {
        _quote = quote;
        _start = start;
        Position = start;
        _end = end;
        _container = container;
    }

    public int Position { get; private set; }

    public readonly int Remaining => _end - Position;

    public ushort ReadUInt16(string field) => BinaryPrimitives.ReadUInt16LittleEndian(Take(field, 2).Span);

    public uint ReadUInt32(string field) => BinaryPrimitives.ReadUInt32LittleEndian(Take(field, 4).Span);

    public ReadOnlyMemory<byte> ReadBytes(string field, long length) => Take(field, length);

    /// <summary>Splits off the next <paramref name="length"/> bytes as their own block and moves past them.</summary>
    public QuoteReader ReadBlock(string field, long length, string container)
    {
        var start = Position;
        Take(field, length);
        return new QuoteReader(_quote, start, Position, container);
    }

    /// <summary>Fails unless the block was consumed exactly; <paramref name="lengthField"/> declared its size.</summary>
    public readonly void ExpectEnd(string lengthField, int lengthFieldOffset)
    {
        if (Remaining != 0)
        {
            throw new QuoteFormatException(lengthField, lengthFieldOffset,
                $"declares {_end - _start} bytes of {_container} but its contents take {Position - _start}, leaving {Remaining} unaccounted bytes at offset {Position}");
        }
    }

    private ReadOnlyMemory<byte> Take(string field, long length)
    {
        if (length < 0 || length > Remaining)
        {
            throw new QuoteFormatException(field, Position,
                $"needs {length} bytes but only {Remaining} remain in the {_container} (which ends at offset {_end})");
        }
        var slice = _quote.Slice(Position, (int)length);
        Position += (int)length;
        return slice;
    }
}
