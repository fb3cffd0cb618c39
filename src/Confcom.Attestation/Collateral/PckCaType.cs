namespace Confcom.Attestation.Collateral;

/// <summary>Which Intel CA issued the PCK certificate, and so which PCK CRL applies (<c>ca=processor|platform</c>).</summary>
public enum PckCaType
{
    Processor,
    Platform,
}
