using System.Buffers.Binary;

namespace Confcom.Attestation.Client;

/// <summary>
/// AESM returns the quote in a zero-padded buffer of the size the client asked for; the real length follows from
/// the header and the signature_data_len field (what Gramine's and Fortanix's clients do too).
/// </summary>
internal static class QuoteLength
{
    private const int HeaderSize = 48;
    private const int SgxBodySize = 384;
    private const int TdxBodySize = 584;
    private const uint TeeTypeTdx = 0x81;

    /// <summary>The quote's own length, or null when the bytes do not describe a complete v3/v4/v5 quote.</summary>
    public static int? Measure(ReadOnlySpan<byte> buffer)
    {
        if (buffer.Length < HeaderSize + 4)
        {
            return null;
        }
        var version = BinaryPrimitives.ReadUInt16LittleEndian(buffer);
        var teeType = BinaryPrimitives.ReadUInt32LittleEndian(buffer[4..]);
        long signatureLengthOffset;
        switch (version)
        {
            case 3:
                signatureLengthOffset = HeaderSize + SgxBodySize;
                break;
            case 4:
                signatureLengthOffset = HeaderSize + (teeType == TeeTypeTdx ? TdxBodySize : SgxBodySize);
                break;
            case 5:
                // v5 puts a body descriptor (u16 type, u32 size) between header and body.
                if (buffer.Length < HeaderSize + 6)
                {
                    return null;
                }
                signatureLengthOffset = HeaderSize + 6L + BinaryPrimitives.ReadUInt32LittleEndian(buffer[(HeaderSize + 2)..]);
                break;
            default:
                return null;
        }
        if (signatureLengthOffset + 4 > buffer.Length)
        {
            return null;
        }
        var total = signatureLengthOffset + 4 + BinaryPrimitives.ReadUInt32LittleEndian(buffer[(int)signatureLengthOffset..]);
        return total <= buffer.Length ? (int)total : null;
    }
}
