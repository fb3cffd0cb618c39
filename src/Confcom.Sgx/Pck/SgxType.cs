namespace Confcom.Sgx.Pck;

/// <summary>SGX type ENUMERATED in the PCK certificate's SGX extension (OID …13.1.5).</summary>
public enum SgxType
{
    Standard = 0,
    Scalable = 1,
    ScalableWithIntegrity = 2,
}
