namespace Confcom.Simulation.Collateral;

/// <summary>What the simulated collateral says about the simulated platform, so that tests can reach every verdict.</summary>
public enum CollateralScenario
{
    /// <summary>The PCK's TCB is the top level and UpToDate; the QE is UpToDate.</summary>
    UpToDate,

    /// <summary>The PCK's TCB level has status SWHardeningNeeded (advisory INTEL-SA-00615).</summary>
    SWHardeningNeeded,

    /// <summary>The PCK's TCB level has status ConfigurationNeeded (advisory INTEL-SA-00289).</summary>
    ConfigurationNeeded,

    /// <summary>A higher TCB level exists; the PCK's TCB is below it and OutOfDate.</summary>
    OutOfDate,

    /// <summary>Platform UpToDate, but the QE Identity says the QE's ISVSVN is OutOfDate.</summary>
    OutOfDateQe,

    /// <summary>The PCK certificate's serial is listed in the PCK CRL.</summary>
    RevokedPck,

    /// <summary>The TCB level the PCK matches has status Revoked.</summary>
    RevokedTcbLevel,
}
