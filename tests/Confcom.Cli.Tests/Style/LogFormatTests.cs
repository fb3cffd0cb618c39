using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Confcom.Cli.Tests.Support;
using Confcom.Testing;

namespace Confcom.Cli.Tests.Style;

/// <summary>
/// Every daemon logs in the one format (docs/logging.md), checked line by line on the real executable: with
/// <c>--log-format text</c> each line is "UTC time, level, category[event id] message"; with <c>json</c> each line is
/// one JSON object with those fields. Standard output carries nothing else, and serving HTTP requests adds no
/// framework lines.
/// </summary>
public sealed partial class LogFormatTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string, string> Daemons() => new()
    {
        { "pcs serve", "text" }, { "pcs serve", "json" },
        { "quote-helper", "text" }, { "quote-helper", "json" },
        { "device-plugin", "text" }, { "device-plugin", "json" },
        { "webhook", "text" }, { "webhook", "json" },
    };

    [Theory]
    [MemberData(nameof(Daemons))]
    public async Task EveryLineIsOneRecordInTheChosenFormat(string daemon, string format)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var process = ConfcomProcess.Start(ConfcomProcess.WithoutAesmAddr, [.. Arguments(daemon), "--log-format", format]);
        var listening = await process.WaitForOutputLineAsync(l => l.Contains("Listening on http://", StringComparison.Ordinal), timeout.Token);
        Assert.True(listening is not null, process.StandardOutput + process.StandardError);
        var url = ListeningUrl().Match(listening).Value;
        using (var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) })
        {
            for (var i = 0; i < 3; i++)
            {
                using var response = await http.GetAsync("/healthz", timeout.Token);
            }
        }
        Assert.Equal(0, await process.TerminateAsync(timeout.Token));

        var lines = process.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length >= 2, process.StandardOutput);
        foreach (var line in lines)
        {
            var record = format == "json" ? ParseJson(line) : ParseText(line);
            Assert.True(record.EventId > 0 || !record.Category.StartsWith("Confcom.", StringComparison.Ordinal), $"no event id: {line}");
            // Framework chatter (per-request lines, hosting lifetime) is below the shown levels.
            Assert.False(record.Category.StartsWith("Microsoft.", StringComparison.Ordinal) && record.Level is "info" or "Information", line);
        }
        Assert.Contains(lines, l => l.Contains("Stopped listening on", StringComparison.Ordinal));
    }

    private string[] Arguments(string daemon) => daemon switch
    {
        "pcs serve" => ["pcs", "serve", "--state-dir", _dir.File("node"), "--listen", "http://127.0.0.1:0"],
        "quote-helper" => ["quote-helper", "--backend", "simulated", "--state-dir", _dir.File("node"), "--socket", _dir.SocketPath, "--metrics-listen", "127.0.0.1:0"],
        "device-plugin" => ["device-plugin", "--simulate", "--kubelet-dir", _dir.File("kubelet"), "--host-root", HostRoot(), "--metrics-listen", "127.0.0.1:0"],
        "webhook" => ["webhook", "--listen", "http://127.0.0.1:0"],
        _ => throw new ArgumentOutOfRangeException(nameof(daemon)),
    };

    private string HostRoot()
    {
        Directory.CreateDirectory(_dir.File("host/dev"));
        return _dir.File("host");
    }

    private static LogRecord ParseText(string line)
    {
        var match = TextLine().Match(line);
        Assert.True(match.Success, $"not a text log line: {line}");
        return new LogRecord(match.Groups["level"].Value, match.Groups["category"].Value, int.Parse(match.Groups["id"].Value, CultureInfo.InvariantCulture));
    }

    private static LogRecord ParseJson(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        Assert.Matches(TimestampPattern(), root.GetProperty("Timestamp").GetString()!);
        Assert.False(string.IsNullOrEmpty(root.GetProperty("Message").GetString()), line);
        return new LogRecord(root.GetProperty("LogLevel").GetString()!, root.GetProperty("Category").GetString()!, root.GetProperty("EventId").GetInt32());
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (?<level>trce|dbug|info|warn|fail|crit): (?<category>[A-Za-z0-9_.]+)\[(?<id>\d+)\] \S.*$")]
    private static partial Regex TextLine();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")]
    private static partial Regex TimestampPattern();

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+")]
    private static partial Regex ListeningUrl();

    private sealed record LogRecord(string Level, string Category, int EventId);
}
