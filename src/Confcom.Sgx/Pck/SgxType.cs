namespace Confcom.Sgx.Pck;

/// <summary>SGX type ENUMERATED in the PCK certificate's SGX extension (OID …13.1.5).</summary>
public enum SgxType
{
    /// <summary>Standard.</summary>
    Standard = 0,
    /// <summary>Scalable.</summary>
    Scalable = 1,
    /// <summary>Scalable with integrity.</summary>
    ScalableWithIntegrity = 2,
}
