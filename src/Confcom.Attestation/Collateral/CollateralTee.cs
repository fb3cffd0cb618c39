namespace Confcom.Attestation.Collateral;

/// <summary>Which PCS tree serves TCB Info and QE Identity: <c>/sgx/certification</c> or <c>/tdx/certification</c>.</summary>
public enum CollateralTee
{
    Sgx,
    Tdx,
}
