namespace Confcom.Sgx.Collateral;

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

    /// <summary>Computed by the TD relaunch check for TD 1.5 quotes (QVL); never a <c>tcbStatus</c> in collateral.</summary>
    TdRelaunchAdvised,

    /// <summary>Computed by the TD relaunch check; never a <c>tcbStatus</c> in collateral.</summary>
    TdRelaunchAdvisedConfigurationNeeded,
}
