using System.CommandLine;
using Confcom.Hosting;

namespace Confcom.Cli.Options;

/// <summary><c>--log-format text|json</c> of every daemon (also <c>CONFCOM_LOG_FORMAT</c>): one line per record either way.</summary>
internal static class LogFormatOption
{
    public static Option<string> Create()
    {
        var option = new Option<string>("--log-format")
        {
            Description = "Log lines as text (UTC time, level, category[event id], message) or json (one object per line, for log collectors)",
            HelpName = "text|json",
        }.FromEnvironment(Validated, () => "text");
        option.AcceptOnlyFromAmong("text", "json");
        return option;
    }

    public static LogFormat Read(ParseResult result, Option<string> option)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Parse(result.GetValue(option)!);
    }

    private static LogFormat Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "text" => LogFormat.Text,
        "json" => LogFormat.Json,
        _ => throw new FormatException($"'{text}' is not a log format: use text or json"),
    };

    private static string Validated(string text)
    {
        Parse(text);
        return text.Trim().ToLowerInvariant();
    }
}
