using System.Security.Cryptography;

namespace Confcom.Simulation.Reports;

/// <summary>
/// AES-128-CMAC (NIST SP 800-38B, RFC 4493): the MAC the CPU puts on every EREPORT. System.Security.Cryptography
/// has no CMAC class (checked .NET 10: only HMAC and KMAC), so it is built here on the framework's AES block cipher.
/// </summary>
internal static class AesCmac
{
    public const int MacSize = 16;
    private const int BlockSize = 16;
    private const byte Rb = 0x87;

    public static byte[] Compute(ReadOnlySpan<byte> key, ReadOnlySpan<byte> message)
    {
        using var aes = Aes.Create();
        aes.Key = key.ToArray();

        Span<byte> zero = stackalloc byte[BlockSize];
        zero.Clear();
        var l = aes.EncryptEcb(zero, PaddingMode.None);
        var k1 = DoubleInGf128(l);
        var k2 = DoubleInGf128(k1);

        var blocks = Math.Max(1, (message.Length + BlockSize - 1) / BlockSize);
        var lastComplete = message.Length > 0 && message.Length % BlockSize == 0;

        // CBC-MAC with a zero IV over all but the last block, then the last block whitened with K1 or K2.
        var last = new byte[BlockSize];
        var lastStart = (blocks - 1) * BlockSize;
        var tail = message[lastStart..];
        if (lastComplete)
        {
            for (var i = 0; i < BlockSize; i++)
            {
                last[i] = (byte)(tail[i] ^ k1[i]);
            }
        }
        else
        {
            tail.CopyTo(last);
            last[tail.Length] = 0x80;
            for (var i = 0; i < BlockSize; i++)
            {
                last[i] ^= k2[i];
            }
        }

        var input = new byte[blocks * BlockSize];
        message[..lastStart].CopyTo(input);
        last.CopyTo(input.AsSpan(lastStart));
        var cbc = aes.EncryptCbc(input, zero, PaddingMode.None);
        return cbc[^BlockSize..];
    }

    public static bool Verify(ReadOnlySpan<byte> key, ReadOnlySpan<byte> message, ReadOnlySpan<byte> mac) =>
        mac.Length == MacSize && CryptographicOperations.FixedTimeEquals(Compute(key, message), mac);

    private static byte[] DoubleInGf128(ReadOnlySpan<byte> block)
    {
        var result = new byte[BlockSize];
        var carry = 0;
        for (var i = BlockSize - 1; i >= 0; i--)
        {
            result[i] = (byte)((block[i] << 1) | carry);
            carry = block[i] >> 7;
        }
        if ((block[0] & 0x80) != 0)
        {
            result[BlockSize - 1] ^= Rb;
        }
        return result;
    }
}
