using Microsoft.Extensions.Logging;

namespace Confcom.Cli.Commands.QuoteHelper;

internal sealed partial class QuoteHelperBackendSelector
{
    [LoggerMessage(EventId = 5100, Level = LogLevel.Information, Message = "Quote helper backend: {Backend} ({Why})")]
    private partial void LogSelected(string backend, string why);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning,
        Message = "No usable SGX quoting hardware ({Reason}); serving SIMULATED quotes, which only verifiers trusting the simulated root accept. Pass --backend dcap to fail instead")]
    private partial void LogFallingBackToSimulation(string reason);
}
