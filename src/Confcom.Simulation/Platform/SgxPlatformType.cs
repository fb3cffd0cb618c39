namespace Confcom.Simulation.Platform;

/// <summary>The SGX Type value of the PCK extension (OID …13.1.5, ENUMERATED).</summary>
public enum SgxPlatformType
{
    Standard = 0,
    Scalable = 1,
    ScalableWithIntegrity = 2,
}
