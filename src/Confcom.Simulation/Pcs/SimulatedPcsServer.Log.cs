using Confcom.Simulation.Collateral;
using Microsoft.Extensions.Logging;

namespace Confcom.Simulation.Pcs;

public sealed partial class SimulatedPcsServer
{
    [LoggerMessage(EventId = 4200, Level = LogLevel.Information,
        Message = "Simulated PCS listening on {Address} with scenario {Scenario} for the simulated node in {StateDirectory}")]
    private static partial void LogStarted(ILogger logger, Uri address, CollateralScenario scenario, string stateDirectory);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Information, Message = "Simulated PCS answered 404: {Reason}")]
    private static partial void LogNotFound(ILogger logger, string reason);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Information, Message = "Simulated PCS answered 400: {Reason}")]
    private static partial void LogBadRequest(ILogger logger, string reason);
}
