namespace Confcom.Attestation.Appraisal;

/// <summary>
/// What an SGX enclave must be (Intel appraisal's <c>sgx_enclave_policy</c>, Azure's <c>x-ms-sgx-*</c> claims). Every
/// member is optional; hex values are case-insensitive. Null means "not checked".
/// </summary>
public sealed record SgxEnclavePolicy
{
    /// <summary>Allowed MRENCLAVE values (32 bytes hex each); the enclave's must be one of them.</summary>
    public IReadOnlyList<string>? MrEnclave { get; init; }

    /// <summary>Allowed MRSIGNER values (32 bytes hex each).</summary>
    public IReadOnlyList<string>? MrSigner { get; init; }

    /// <summary>The ISVPRODID the enclave must have.</summary>
    public ushort? IsvProdId { get; init; }

    /// <summary>The lowest ISVSVN accepted.</summary>
    public ushort? MinIsvSvn { get; init; }

    /// <summary>KSS: the ISVEXTPRODID the enclave must have (16 bytes hex).</summary>
    public string? IsvExtProdId { get; init; }

    /// <summary>KSS: the ISVFAMILYID the enclave must have (16 bytes hex).</summary>
    public string? IsvFamilyId { get; init; }

    /// <summary>KSS: the CONFIGID the enclave must have been launched with (64 bytes hex).</summary>
    public string? ConfigId { get; init; }

    /// <summary>KSS: the lowest CONFIGSVN accepted.</summary>
    public ushort? MinConfigSvn { get; init; }
}
