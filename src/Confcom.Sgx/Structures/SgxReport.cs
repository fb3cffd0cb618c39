namespace Confcom.Sgx.Structures;

/// <summary>
/// The 432-byte <c>sgx_report_t</c> an enclave gets from EREPORT: body, the key id the MAC key was derived with,
/// and the AES-CMAC over the body. Layout: body 0/384, key_id 384/32, mac 416/16.
/// </summary>
public sealed class SgxReport
{
    /// <summary>The structure's size in bytes.</summary>
    public const int Size = 432;
    /// <summary>Key ID offset.</summary>
    public const int KeyIdOffset = 384;
    /// <summary>Mac offset.</summary>
    public const int MacOffset = 416;

    private readonly byte[] _bytes;

    private SgxReport(byte[] bytes, SgxReportBody body)
    {
        _bytes = bytes;
        Body = body;
    }

    /// <summary>Parses a sgx report; malformed input throws a <see cref="System.FormatException"/> naming the field.</summary>
    public static SgxReport Parse(ReadOnlySpan<byte> bytes)
    {
        SgxFormatException.ThrowIfWrongLength("sgx_report_t", bytes, Size);
        var copy = bytes.ToArray();
        return new SgxReport(copy, SgxReportBody.Parse(copy.AsSpan(0, SgxReportBody.Size)));
    }

    /// <summary>Creates a SGX report.</summary>
    public static SgxReport Create(SgxReportBody body, ReadOnlySpan<byte> keyId, ReadOnlySpan<byte> mac)
    {
        if (keyId.Length != 32)
        {
            throw new ArgumentException($"key_id must be 32 bytes, got {keyId.Length}", nameof(keyId));
        }
        if (mac.Length != 16)
        {
            throw new ArgumentException($"mac must be 16 bytes, got {mac.Length}", nameof(mac));
        }
        var bytes = new byte[Size];
        body.Bytes.CopyTo(bytes);
        keyId.CopyTo(bytes.AsSpan(KeyIdOffset));
        mac.CopyTo(bytes.AsSpan(MacOffset));
        return new SgxReport(bytes, body);
    }

    /// <summary>The report body the quote attests.</summary>
    public SgxReportBody Body { get; }

    /// <summary>The key ID.</summary>
    public ReadOnlySpan<byte> KeyId => _bytes.AsSpan(KeyIdOffset, 32);

    /// <summary>The MAC.</summary>
    public ReadOnlySpan<byte> Mac => _bytes.AsSpan(MacOffset, 16);

    /// <summary>The raw bytes.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>The structure's bytes, in the layout Intel defines.</summary>
    public byte[] ToArray() => (byte[])_bytes.Clone();
}
