namespace Confcom.Sgx.Quotes;

/// <summary>The header's <c>tee_type</c> (u32 at offset 4). Other values are kept as read so a verifier can name them.</summary>
public enum TeeType : uint
{
    /// <summary>Sgx.</summary>
    Sgx = 0x00000000,
    /// <summary>Tdx.</summary>
    Tdx = 0x00000081,
}
