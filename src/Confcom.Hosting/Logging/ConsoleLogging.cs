using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Confcom.Hosting.Logging;

/// <summary>
/// The one console log format of every daemon and verb (docs/logging.md): one line per record, UTC timestamp,
/// level, category and event id, as text (<see cref="ConfcomTextFormatter"/>) or as JSON (Microsoft.Extensions.Logging's
/// JSON console formatter, for log collectors). Framework chatter (Kestrel's per-request lines, hosting lifetime
/// notices, gRPC) shows only from Warning up, unless <c>CONFCOM_DEBUG=1</c> turns everything to Debug.
/// </summary>
public static class ConsoleLogging
{
    /// <summary>UTC, ISO-8601 to the millisecond.</summary>
    public const string TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";

    /// <summary>Set to 1 for Debug-level logs, framework records and stack traces.</summary>
    public const string DebugVariable = "CONFCOM_DEBUG";

    /// <summary>Replaces the builder's providers with the Confcom console format.</summary>
    /// <param name="standardError">Write every record to standard error (verbs whose standard output is their result).</param>
    public static ILoggingBuilder AddConfcomConsole(this ILoggingBuilder logging, LogFormat format = LogFormat.Text, bool standardError = false)
    {
        ArgumentNullException.ThrowIfNull(logging);
        var debug = Environment.GetEnvironmentVariable(DebugVariable) == "1";
        logging.ClearProviders();
        if (format == LogFormat.Json)
        {
            logging.AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = TimestampFormat;
                // Log collectors parse it; nobody renders it as HTML.
                o.JsonWriterOptions = new JsonWriterOptions { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            });
        }
        else
        {
            // Registered directly (not AddConsoleFormatter): no options bound from configuration by reflection.
            logging.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ConsoleFormatter>(new ConfcomTextFormatter(debug)));
            logging.AddConsole(o => o.FormatterName = ConfcomTextFormatter.FormatterName);
        }
        if (standardError)
        {
            logging.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        }
        logging.SetMinimumLevel(debug ? LogLevel.Debug : LogLevel.Information);
        logging.AddFilter("Microsoft", debug ? LogLevel.Debug : LogLevel.Warning);
        logging.AddFilter("Grpc", debug ? LogLevel.Debug : LogLevel.Warning);
        return logging;
    }

    /// <summary>A standalone factory in the Confcom format, for verbs that log before (or without) a host.</summary>
    public static ILoggerFactory CreateFactory(LogFormat format = LogFormat.Text, bool standardError = false) =>
        LoggerFactory.Create(logging => logging.AddConfcomConsole(format, standardError));
}
