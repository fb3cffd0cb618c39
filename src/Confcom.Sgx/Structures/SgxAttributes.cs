namespace Confcom.Sgx.Structures;

/// <summary>The 16-byte <c>sgx_attributes_t</c>: enclave flags and XFRM, as stored little-endian in reports.</summary>
public readonly record struct SgxAttributes(ulong Flags, ulong Xfrm)
{
    /// <summary>The structure's size in bytes.</summary>
    public const int Size = 16;

    /// <summary>Flag init.</summary>
    public const ulong FlagInit = 0x01;
    /// <summary>Flag debug.</summary>
    public const ulong FlagDebug = 0x02;
    /// <summary>Flag mode64 bit.</summary>
    public const ulong FlagMode64Bit = 0x04;
    /// <summary>Flag provision key.</summary>
    public const ulong FlagProvisionKey = 0x10;
    /// <summary>Flag einit token key.</summary>
    public const ulong FlagEinitTokenKey = 0x20;
    /// <summary>Flag kss.</summary>
    public const ulong FlagKss = 0x80;

    /// <summary>Flags of a typical production 64-bit enclave (INIT | MODE64BIT) with x87+SSE XFRM.</summary>
    public static SgxAttributes Production64 => new(FlagInit | FlagMode64Bit, 0x3);

    /// <summary>Whether this is a debug enclave or TD (its memory can be read by the host: never trust one in production).</summary>
    public bool IsDebug => (Flags & FlagDebug) != 0;

    /// <summary>Read.</summary>
    public static SgxAttributes Read(ReadOnlySpan<byte> bytes) =>
        new(System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]));

    /// <summary>Writes the binary form.</summary>
    public void Write(Span<byte> destination)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(destination, Flags);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], Xfrm);
    }
}
