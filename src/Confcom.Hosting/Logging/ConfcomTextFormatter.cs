using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Confcom.Hosting.Logging;

/// <summary>
/// The text log line of every daemon, always one line:
/// <c>2026-01-05T10:00:00.123Z info: Confcom.QuoteHelper.Server.QuoteHelperServer[2000] message</c> (UTC time,
/// level, category, event id). An exception adds its message, not its stack trace, unless <c>CONFCOM_DEBUG=1</c>:
/// an operator reads what failed, a developer asks for where. The host's own "Hosting failed to start" record is
/// dropped, because the confcom runner reports that same failure as its one-line reason.
/// </summary>
internal sealed class ConfcomTextFormatter(bool debug) : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "confcom";

    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    /// <summary>Microsoft.Extensions.Hosting's HostedServiceStartupFaulted.</summary>
    private const int HostStartupFaultedEventId = 11;

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception);
        var exception = logEntry.Exception;
        if ((message is null && exception is null)
            || (!debug && logEntry.EventId.Id == HostStartupFaultedEventId && logEntry.Category == HostCategory))
        {
            return;
        }
        textWriter.Write(DateTimeOffset.UtcNow.ToString(ConsoleLogging.TimestampFormat, CultureInfo.InvariantCulture));
        textWriter.Write(' ');
        textWriter.Write(Level(logEntry.LogLevel));
        textWriter.Write(": ");
        textWriter.Write(logEntry.Category);
        textWriter.Write('[');
        textWriter.Write(logEntry.EventId.Id.ToString(CultureInfo.InvariantCulture));
        textWriter.Write("] ");
        textWriter.Write(OneLine(message ?? ""));
        if (exception is not null)
        {
            textWriter.Write(": ");
            textWriter.Write(OneLine(debug ? exception.ToString() : exception.Message));
        }
        textWriter.Write(Environment.NewLine);
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
