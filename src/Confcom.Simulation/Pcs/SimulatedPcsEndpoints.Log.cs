using Confcom.Simulation.Collateral;
using Microsoft.Extensions.Logging;

namespace Confcom.Simulation.Pcs;

internal sealed partial class SimulatedPcsEndpoints
{
    [LoggerMessage(EventId = 4200, Level = LogLevel.Information,
        Message = "Simulated PCS serving scenario {Scenario} for the simulated node in {StateDirectory}")]
    private static partial void LogServing(ILogger logger, CollateralScenario scenario, string stateDirectory);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Information, Message = "Simulated PCS answered 404: {Reason}")]
    private static partial void LogNotFound(ILogger logger, string reason);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Information, Message = "Simulated PCS answered 400: {Reason}")]
    private static partial void LogBadRequest(ILogger logger, string reason);
}
