using System.Buffers.Binary;

namespace Confcom.Sgx.Structures;

/// <summary>
/// The 256-byte <c>sgx_att_key_id_ext_t</c> (opaque <c>sgx_att_key_id_t</c> to apps). The first 158 bytes are the
/// <c>sgx_ql_att_key_id_t</c> that AESM compares; the rest (spid, att_key_type, reserved) is the "ext" part.
/// Layout: id 0/2, version 2/2, mrsigner_length 4/2, mrsigner 6/48, prod_id 54/4, extended_prod_id 58/16,
/// config_id 74/64, family_id 138/16, algorithm_id 154/4, spid 158/16, att_key_type 174/2, reserved 176/80.
/// </summary>
public sealed class SgxAttestationKeyId
{
    /// <summary>The structure's size in bytes.</summary>
    public const int Size = 256;

    /// <summary>Bytes AESM compares with <c>memcmp</c> to match a requested key (<c>sizeof(sgx_ql_att_key_id_t)</c>).</summary>
    public const int ComparedPrefixSize = 158;

    private const int IdOffset = 0;
    private const int VersionOffset = 2;
    private const int MrSignerLengthOffset = 4;
    private const int MrSignerOffset = 6;
    private const int ProdIdOffset = 54;
    private const int AlgorithmIdOffset = 154;

    private readonly byte[] _bytes;

    private SgxAttestationKeyId(byte[] bytes) => _bytes = bytes;

    /// <summary>The one key Intel's DCAP QE3 offers: ECDSA P-256, QE3 production MRSIGNER, prod id 1.</summary>
    public static SgxAttestationKeyId DefaultEcdsaP256 { get; } = Create(IntelQuotingEnclave.ProductionMrSigner,
        IntelQuotingEnclave.ProdId, IntelQuotingEnclave.AlgorithmEcdsaP256);

    /// <summary>Parses a sgx attestation key id; malformed input throws a <see cref="System.FormatException"/> naming the field.</summary>
    public static SgxAttestationKeyId Parse(ReadOnlySpan<byte> bytes)
    {
        SgxFormatException.ThrowIfWrongLength("sgx_att_key_id_ext_t", bytes, Size);
        return new SgxAttestationKeyId(bytes.ToArray());
    }

    /// <summary>Creates a SGX attestation key ID.</summary>
    public static SgxAttestationKeyId Create(ReadOnlySpan<byte> mrSigner, uint prodId, uint algorithmId)
    {
        if (mrSigner.Length != 32)
        {
            throw new ArgumentException($"mrsigner must be 32 bytes, got {mrSigner.Length}", nameof(mrSigner));
        }
        var bytes = new byte[Size];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(MrSignerLengthOffset), 32);
        mrSigner.CopyTo(bytes.AsSpan(MrSignerOffset));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(ProdIdOffset), prodId);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(AlgorithmIdOffset), algorithmId);
        return new SgxAttestationKeyId(bytes);
    }

    /// <summary>The ID.</summary>
    public ushort Id => BinaryPrimitives.ReadUInt16LittleEndian(_bytes.AsSpan(IdOffset));

    /// <summary>The format version Intel gives the document.</summary>
    public ushort Version => BinaryPrimitives.ReadUInt16LittleEndian(_bytes.AsSpan(VersionOffset));

    /// <summary>MRSIGNER: the SHA-256 hash of the enclave signer's public key.</summary>
    public ReadOnlySpan<byte> MrSigner => _bytes.AsSpan(MrSignerOffset, BinaryPrimitives.ReadUInt16LittleEndian(_bytes.AsSpan(MrSignerLengthOffset)) is var n && n <= 48 ? n : 48);

    /// <summary>The prod ID.</summary>
    public uint ProdId => BinaryPrimitives.ReadUInt32LittleEndian(_bytes.AsSpan(ProdIdOffset));

    /// <summary>The algorithm ID.</summary>
    public uint AlgorithmId => BinaryPrimitives.ReadUInt32LittleEndian(_bytes.AsSpan(AlgorithmIdOffset));

    /// <summary>The raw bytes.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>AESM's rule: a requested key matches when its first 158 bytes equal ours.</summary>
    public bool Matches(ReadOnlySpan<byte> requested) =>
        requested.Length >= ComparedPrefixSize &&
        requested[..ComparedPrefixSize].SequenceEqual(_bytes.AsSpan(0, ComparedPrefixSize));

    /// <summary>The structure's bytes, in the layout Intel defines.</summary>
    public byte[] ToArray() => (byte[])_bytes.Clone();
}
