using Microsoft.Extensions.Logging;

namespace Confcom.Simulation.Platform;

public sealed partial class SimulatedPlatform
{
    [LoggerMessage(EventId = 4010, Level = LogLevel.Information,
        Message = "Created simulated SGX node identity in {StateDirectory}: FMSPC {Fmspc}, PCK serial {PckSerial}, root {RootDirectory}")]
    private static partial void LogNodeCreated(ILogger logger, string stateDirectory, string fmspc, string pckSerial, string rootDirectory);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Information,
        Message = "Loaded simulated SGX node identity from {StateDirectory}: FMSPC {Fmspc}, PCK serial {PckSerial}")]
    private static partial void LogNodeLoaded(ILogger logger, string stateDirectory, string fmspc, string pckSerial);
}
