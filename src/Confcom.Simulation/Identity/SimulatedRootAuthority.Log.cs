using Microsoft.Extensions.Logging;

namespace Confcom.Simulation.Identity;

public sealed partial class SimulatedRootAuthority
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information,
        Message = "Created a new simulated Intel SGX root in {Directory} (root thumbprint {Thumbprint}); verifiers must trust its root-ca.pem")]
    private static partial void LogCreated(ILogger logger, string directory, string thumbprint);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information,
        Message = "Loaded the simulated Intel SGX root from {Directory} (root thumbprint {Thumbprint})")]
    private static partial void LogLoaded(ILogger logger, string directory, string thumbprint);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning,
        Message = "Finished creating the simulated Intel SGX root in {Directory} that an earlier run was killed in the middle of (root thumbprint {Thumbprint}); verifiers must trust its root-ca.pem")]
    private static partial void LogResumed(ILogger logger, string directory, string thumbprint);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning,
        Message = "Discarded {Staging}: an earlier run was killed while creating it, before any of it was used; creating it again")]
    private static partial void LogDiscardedStaging(ILogger logger, string staging);
}
