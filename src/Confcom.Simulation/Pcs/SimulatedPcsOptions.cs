using Confcom.Simulation.Collateral;

namespace Confcom.Simulation.Pcs;

/// <summary>Settings of the simulated PCS (<c>confcom pcs serve</c>).</summary>
public sealed class SimulatedPcsOptions
{
    /// <summary>Where <c>confcom pcs serve</c> listens unless told otherwise (the port Intel's PCCS uses).</summary>
    public const string DefaultListenUrl = "http://127.0.0.1:8081";

    public CollateralScenario Scenario { get; set; } = CollateralScenario.UpToDate;

    /// <summary>Lifetime of served collateral (TCB Info/QE Identity nextUpdate, CRL nextUpdate).</summary>
    public TimeSpan Validity { get; set; } = SimulatedCollateralIssuer.DefaultValidity;
}
