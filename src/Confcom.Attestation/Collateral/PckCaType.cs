namespace Confcom.Attestation.Collateral;

/// <summary>Which Intel CA issued the PCK certificate, and so which PCK CRL applies (<c>ca=processor|platform</c>).</summary>
public enum PckCaType
{
    /// <summary>The PCK certificate was issued by Intel's SGX PCK Processor CA.</summary>
    Processor,
    /// <summary>The PCK certificate was issued by Intel's SGX PCK Platform CA (multi-package platforms).</summary>
    Platform,
}
