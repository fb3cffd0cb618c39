using System.Buffers.Binary;
using Confcom.Sgx.Structures;

namespace Confcom.Sgx.Quotes;

/// <summary>
/// The 48-byte quote header (<c>sgx_quote_header_t</c> / <c>sgx_quote4_header_t</c>). Every byte belongs to a field,
/// so the fields alone reproduce the header exactly. In v4 bytes 8–11 are "reserved" in DCAP's struct; QVL still
/// reads them as QE SVN and PCE SVN, and so do we.
/// </summary>
public sealed class QuoteHeader
{
    private readonly byte[] _qeVendorId;
    private readonly byte[] _userData;

    private QuoteHeader(ushort version, ushort attestationKeyType, TeeType teeType, ushort qeSvn, ushort pceSvn, byte[] qeVendorId, byte[] userData)
    {
        Version = version;
        AttestationKeyType = attestationKeyType;
        TeeType = teeType;
        QeSvn = qeSvn;
        PceSvn = pceSvn;
        _qeVendorId = qeVendorId;
        _userData = userData;
    }

    /// <summary>The size in bytes.</summary>
    public const int Size = QuoteConstants.HeaderSize;

    /// <summary>The format version Intel gives the document.</summary>
    public ushort Version { get; }

    /// <summary>The attestation key type.</summary>
    public ushort AttestationKeyType { get; }

    /// <summary>u32 at offset 4; in v3 DCAP calls it <c>att_key_data_0</c> and it is 0.</summary>
    public TeeType TeeType { get; }

    /// <summary>QESVN: the Quoting Enclave's security version number.</summary>
    public ushort QeSvn { get; }

    /// <summary>PCESVN: the Provisioning Certification Enclave's security version number.</summary>
    public ushort PceSvn { get; }

    /// <summary>The QE vendor ID.</summary>
    public ReadOnlySpan<byte> QeVendorId => _qeVendorId;

    /// <summary>20 bytes; QE3 writes its 16-byte QE_ID followed by 4 zero bytes.</summary>
    public ReadOnlySpan<byte> UserData => _userData;

    /// <summary>True when version, key type and TEE type are values QVL accepts; the parser reports, a verifier decides.</summary>
    public bool IsSupportedByQvl =>
        QuoteConstants.SupportedVersions.Contains(Version)
        && AttestationKeyType == QuoteConstants.AttestationKeyTypeEcdsaP256
        && TeeType is TeeType.Sgx or TeeType.Tdx;

    /// <summary>
    /// Builds a header. <paramref name="qeVendorId"/> defaults to Intel's (16 bytes); <paramref name="userData"/> is
    /// at most 20 bytes and is zero-padded.
    /// </summary>
    public static QuoteHeader Create(
        ushort version,
        TeeType teeType,
        ushort qeSvn,
        ushort pceSvn,
        ReadOnlySpan<byte> userData,
        ReadOnlySpan<byte> qeVendorId = default,
        ushort attestationKeyType = QuoteConstants.AttestationKeyTypeEcdsaP256)
    {
        if (userData.Length > QuoteConstants.UserDataSize)
        {
            throw new ArgumentException($"user data is at most {QuoteConstants.UserDataSize} bytes, got {userData.Length}", nameof(userData));
        }
        if (!qeVendorId.IsEmpty && qeVendorId.Length != QuoteConstants.QeVendorIdSize)
        {
            throw new ArgumentException($"QE vendor id is {QuoteConstants.QeVendorIdSize} bytes, got {qeVendorId.Length}", nameof(qeVendorId));
        }
        var vendor = qeVendorId.IsEmpty ? IntelQuotingEnclave.VendorId.ToArray() : qeVendorId.ToArray();
        var user = new byte[QuoteConstants.UserDataSize];
        userData.CopyTo(user);
        return new QuoteHeader(version, attestationKeyType, teeType, qeSvn, pceSvn, vendor, user);
    }

    /// <summary>Reads a header from exactly 48 bytes.</summary>
    public static QuoteHeader Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < Size)
        {
            throw new QuoteFormatException("header", 0, $"needs {Size} bytes, found {bytes.Length}");
        }
        return new QuoteHeader(
            BinaryPrimitives.ReadUInt16LittleEndian(bytes[QuoteConstants.VersionOffset..]),
            BinaryPrimitives.ReadUInt16LittleEndian(bytes[QuoteConstants.AttestationKeyTypeOffset..]),
            (TeeType)BinaryPrimitives.ReadUInt32LittleEndian(bytes[QuoteConstants.TeeTypeOffset..]),
            BinaryPrimitives.ReadUInt16LittleEndian(bytes[QuoteConstants.QeSvnOffset..]),
            BinaryPrimitives.ReadUInt16LittleEndian(bytes[QuoteConstants.PceSvnOffset..]),
            bytes.Slice(QuoteConstants.QeVendorIdOffset, QuoteConstants.QeVendorIdSize).ToArray(),
            bytes.Slice(QuoteConstants.UserDataOffset, QuoteConstants.UserDataSize).ToArray());
    }

    /// <summary>Writes the binary form into the given buffer.</summary>
    public void WriteTo(Span<byte> destination)
    {
        if (destination.Length < Size)
        {
            throw new ArgumentException($"destination needs {Size} bytes, has {destination.Length}", nameof(destination));
        }
        BinaryPrimitives.WriteUInt16LittleEndian(destination[QuoteConstants.VersionOffset..], Version);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[QuoteConstants.AttestationKeyTypeOffset..], AttestationKeyType);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[QuoteConstants.TeeTypeOffset..], (uint)TeeType);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[QuoteConstants.QeSvnOffset..], QeSvn);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[QuoteConstants.PceSvnOffset..], PceSvn);
        _qeVendorId.CopyTo(destination[QuoteConstants.QeVendorIdOffset..]);
        _userData.CopyTo(destination[QuoteConstants.UserDataOffset..]);
    }

    /// <summary>The structure's bytes, in the layout Intel defines.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        WriteTo(bytes);
        return bytes;
    }
}
