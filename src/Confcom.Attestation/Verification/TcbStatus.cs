namespace Confcom.Attestation.Verification;

/// <summary>The <c>tcbStatus</c> values of TCB Info and QE Identity levels (QVL <c>Verifiers/TcbStatus.h</c>).</summary>
public enum TcbStatus
{
    UpToDate,
    SWHardeningNeeded,
    ConfigurationNeeded,
    ConfigurationAndSWHardeningNeeded,
    OutOfDate,
    OutOfDateConfigurationNeeded,
    Revoked,
}
