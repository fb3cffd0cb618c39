namespace Confcom.Sgx.Structures;

/// <summary>
/// Published identity of Intel's DCAP QE3, as carried in attestation key ids and quote headers
/// (DCAP <c>sgx_ql_core_wrapper.cpp</c> <c>g_default_ecdsa_p256_att_key_id</c>, <c>sgx_quote_3.h</c>).
/// </summary>
public static class IntelQuotingEnclave
{
    /// <summary>MRSIGNER of the production-signed QE3.</summary>
    public static ReadOnlySpan<byte> ProductionMrSigner => Convert.FromHexString("8C4F5775D796503E96137F77C68A829A0056AC8DED70140B081B094490C57BFF");

    /// <summary>QE vendor id in every Intel quote header (<c>939A7233-F79C-4CA9-940A-0DB3957F0607</c>).</summary>
    public static ReadOnlySpan<byte> VendorId => Convert.FromHexString("939A7233F79C4CA9940A0DB3957F0607");

    /// <summary>Prod ID.</summary>
    public const ushort ProdId = 1;

    /// <summary>QE3 writes this fixed 32-byte authentication data (bytes 0x00..0x1F) into every quote.</summary>
    public static ReadOnlySpan<byte> AuthenticationData => new byte[]
    {
        0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F,
        0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F,
    };

    /// <summary><c>SGX_QL_ALG_ECDSA_P256</c>.</summary>
    public const uint AlgorithmEcdsaP256 = 2;
}
