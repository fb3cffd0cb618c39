namespace Confcom.Attestation.Collateral;

/// <summary>Which PCS tree serves TCB Info and QE Identity: <c>/sgx/certification</c> or <c>/tdx/certification</c>.</summary>
public enum CollateralTee
{
    /// <summary>SGX collateral (PCS <c>/sgx/certification/v4</c>).</summary>
    Sgx,
    /// <summary>TDX collateral (PCS <c>/tdx/certification/v4</c>).</summary>
    Tdx,
}
