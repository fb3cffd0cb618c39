using Microsoft.Extensions.Logging;

namespace Confcom.Simulation.Quoting;

public sealed partial class SimulatedQuotingEnclave
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Warning,
        Message = "Rejected a REPORT from enclave MRENCLAVE {MrEnclave}: its MAC does not verify for the simulated QE of node {StateDirectory}. The app must target the QE's target info from InitQuoteEx and run on this simulated node (same state dir)")]
    private static partial void LogInvalidReport(ILogger logger, string mrEnclave, string stateDirectory);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Debug,
        Message = "Generated a {Length}-byte simulated DCAP v3 quote for MRENCLAVE {MrEnclave} (QE report info: {WithQeReportInfo})")]
    private static partial void LogQuoteGenerated(ILogger logger, int length, string mrEnclave, bool withQeReportInfo);
}
