namespace Confcom.Sgx.Collateral;

/// <summary>The <c>tcbStatus</c> values of TCB Info and QE Identity levels (QVL <c>Verifiers/TcbStatus.h</c>).</summary>
public enum TcbStatus
{
    /// <summary>The platform is patched and configured as Intel recommends.</summary>
    UpToDate,
    /// <summary>The platform is up to date, but the enclave must mitigate the listed advisories in software.</summary>
    SWHardeningNeeded,
    /// <summary>The platform is patched but needs a BIOS/configuration change for the listed advisories.</summary>
    ConfigurationNeeded,
    /// <summary>Both a configuration change and software hardening are needed for the listed advisories.</summary>
    ConfigurationAndSWHardeningNeeded,
    /// <summary>The platform's TCB is behind Intel's latest (a microcode or SGX software update is due).</summary>
    OutOfDate,
    /// <summary>Out of date, and also needs a configuration change.</summary>
    OutOfDateConfigurationNeeded,
    /// <summary>The platform's TCB or keys are revoked: never accept it.</summary>
    Revoked,

    /// <summary>Computed by the TD relaunch check for TD 1.5 quotes (QVL); never a <c>tcbStatus</c> in collateral.</summary>
    TdRelaunchAdvised,

    /// <summary>Computed by the TD relaunch check; never a <c>tcbStatus</c> in collateral.</summary>
    TdRelaunchAdvisedConfigurationNeeded,
}
