using Microsoft.Extensions.Logging;

namespace Confcom.Attestation.Verification;

public sealed partial class QuoteVerifier
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Warning,
        Message = "Quote rejected at check {Check} ({Error}) for FMSPC {Fmspc}: {Reason}")]
    private static partial void LogRejected(ILogger logger, VerificationCheck check, string error, string fmspc, string reason);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug,
        Message = "Quote verified with non-terminal status {Status} for FMSPC {Fmspc}; advisories: {Advisories}. Apply your TCB policy; updating microcode/BIOS/PSW clears it")]
    private static partial void LogNonTerminal(ILogger logger, string status, string fmspc, string advisories);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning,
        Message = "Collateral for FMSPC {Fmspc} is expired at {At}: {Items}. Refresh it from PCS/PCCS (confcom collateral fetch); logged once per collateral bundle")]
    private static partial void LogCollateralExpired(ILogger logger, string fmspc, string items, DateTimeOffset at);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning,
        Message = "Quote verified ({Status}) for FMSPC {Fmspc} but {Summary}")]
    private static partial void LogRefused(ILogger logger, string status, string fmspc, string summary);
}
