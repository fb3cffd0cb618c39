namespace Confcom.Hosting;

/// <summary>How daemons write their log lines to the console.</summary>
public enum LogFormat
{
    /// <summary>One line per record: UTC timestamp, level, category, event id, message.</summary>
    Text,

    /// <summary>One JSON object per line (Microsoft.Extensions.Logging's JSON console formatter), for log collectors.</summary>
    Json,
}
