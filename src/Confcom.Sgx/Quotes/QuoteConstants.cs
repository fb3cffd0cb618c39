namespace Confcom.Sgx.Quotes;

/// <summary>
/// Numbers that define the DCAP ECDSA quote layouts v3, v4 and v5 (DCAP <c>sgx_quote_3.h</c>, <c>sgx_quote_4.h</c>,
/// <c>sgx_quote_5.h</c>; QVL <c>QuoteConstants.h</c>). Kept in one place so the parser, the serializer and the size
/// math cannot drift apart.
/// </summary>
public static class QuoteConstants
{
    /// <summary>Quote format version 3 (SGX).</summary>
    public const ushort Version3 = 3;
    /// <summary>Quote format version 4 (SGX or TDX 1.0).</summary>
    public const ushort Version4 = 4;
    /// <summary>Quote format version 5 (typed body: SGX, TDX 1.0 or TDX 1.5).</summary>
    public const ushort Version5 = 5;

    /// <summary>Versions QVL accepts.</summary>
    public static IReadOnlyList<ushort> SupportedVersions { get; } = [Version3, Version4, Version5];

    /// <summary><c>SGX_QL_ALG_ECDSA_P256</c>: the only attestation key type QVL accepts.</summary>
    public const ushort AttestationKeyTypeEcdsaP256 = 2;

    /// <summary>Header size.</summary>
    public const int HeaderSize = 48;

    /// <summary>v5 only: <c>u16 body_type ‖ u32 body_size</c> between header and body.</summary>
    public const int BodyDescriptorSize = 6;

    /// <summary>Signature data length size.</summary>
    public const int SignatureDataLengthSize = 4;
    /// <summary>Ecdsa signature size.</summary>
    public const int EcdsaSignatureSize = 64;
    /// <summary>Ecdsa public key size.</summary>
    public const int EcdsaPublicKeySize = 64;
    /// <summary>Certification data header size.</summary>
    public const int CertificationDataHeaderSize = 2 + 4;
    /// <summary>Authentication data length size.</summary>
    public const int AuthenticationDataLengthSize = 2;

    /// <summary>Sgx body size.</summary>
    public const int SgxBodySize = 384;
    /// <summary>Td report10 body size.</summary>
    public const int TdReport10BodySize = 584;
    /// <summary>Td report15 body size.</summary>
    public const int TdReport15BodySize = 648;

    /// <summary>Smallest well-formed v3 quote: empty auth data and empty certification data (QVL's minimum).</summary>
    public const int MinimumV3Length = HeaderSize + SgxBodySize + SignatureDataLengthSize
        + EcdsaSignatureSize + EcdsaPublicKeySize + SgxBodySize + EcdsaSignatureSize
        + AuthenticationDataLengthSize + CertificationDataHeaderSize;

    internal const int VersionOffset = 0;
    internal const int AttestationKeyTypeOffset = 2;
    internal const int TeeTypeOffset = 4;
    internal const int QeSvnOffset = 8;
    internal const int PceSvnOffset = 10;
    internal const int QeVendorIdOffset = 12;
    internal const int QeVendorIdSize = 16;
    internal const int UserDataOffset = 28;
    internal const int UserDataSize = 20;
}
