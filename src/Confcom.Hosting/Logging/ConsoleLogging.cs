using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Confcom.Hosting.Logging;

/// <summary>
/// The one console log format of every daemon and verb. Framework chatter (Kestrel's per-request lines, hosting
/// lifetime notices) goes to Debug-only categories, so an operator sees what Confcom itself has to say.
/// </summary>
public static class ConsoleLogging
{
    /// <summary>UTC, ISO-8601 to the millisecond, one per line.</summary>
    public const string TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";

    /// <summary>Replaces the builder's providers with the Confcom console format.</summary>
    public static ILoggingBuilder AddConfcomConsole(this ILoggingBuilder logging, LogFormat format = LogFormat.Text)
    {
        ArgumentNullException.ThrowIfNull(logging);
        logging.ClearProviders();
        if (format == LogFormat.Json)
        {
            logging.AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        else
        {
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = TimestampFormat;
                o.ColorBehavior = LoggerColorBehavior.Disabled;
            });
        }
        logging.AddFilter("Microsoft", LogLevel.Warning);
        logging.AddFilter("Grpc", LogLevel.Warning);
        return logging;
    }

    /// <summary>A standalone factory in the Confcom format, for verbs that log without a host.</summary>
    public static ILoggerFactory CreateFactory(LogFormat format = LogFormat.Text) =>
        LoggerFactory.Create(logging => logging.AddConfcomConsole(format));
}
