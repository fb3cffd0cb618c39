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

    [LoggerMessage(EventId = 4012, Level = LogLevel.Warning,
        Message = "Finished creating the simulated SGX node identity in {StateDirectory} that an earlier run was killed in the middle of: FMSPC {Fmspc}, PCK serial {PckSerial}, root {RootDirectory}")]
    private static partial void LogNodeResumed(ILogger logger, string stateDirectory, string fmspc, string pckSerial, string rootDirectory);

    [LoggerMessage(EventId = 4013, Level = LogLevel.Warning,
        Message = "Discarded {Staging}: an earlier run was killed while creating the node identity, before any of it was used; creating it again")]
    private static partial void LogDiscardedStaging(ILogger logger, string staging);

    [LoggerMessage(EventId = 4014, Level = LogLevel.Warning,
        Message = "{File} names {Recorded} as the simulated root, which no longer exists (the state directory was moved?); using {RootDirectory} inside the state directory instead. Record it to silence this: printf 'root\\n' > {File}")]
    private static partial void LogStaleRootLocation(ILogger logger, string file, string recorded, string rootDirectory);
}
