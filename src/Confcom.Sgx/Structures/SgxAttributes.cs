namespace Confcom.Sgx.Structures;

/// <summary>The 16-byte <c>sgx_attributes_t</c>: enclave flags and XFRM, as stored little-endian in reports.</summary>
public readonly record struct SgxAttributes(ulong Flags, ulong Xfrm)
{
    public const int Size = 16;

    public const ulong FlagInit = 0x01;
    public const ulong FlagDebug = 0x02;
    public const ulong FlagMode64Bit = 0x04;
    public const ulong FlagProvisionKey = 0x10;
    public const ulong FlagEinitTokenKey = 0x20;
    public const ulong FlagKss = 0x80;

    /// <summary>Flags of a typical production 64-bit enclave (INIT | MODE64BIT) with x87+SSE XFRM.</summary>
    public static SgxAttributes Production64 => new(FlagInit | FlagMode64Bit, 0x3);

    public bool IsDebug => (Flags & FlagDebug) != 0;

    public static SgxAttributes Read(ReadOnlySpan<byte> bytes) =>
        new(System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]));

    public void Write(Span<byte> destination)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(destination, Flags);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], Xfrm);
    }
}
