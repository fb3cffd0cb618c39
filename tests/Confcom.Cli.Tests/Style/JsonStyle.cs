using System.Text.Json;
using System.Text.RegularExpressions;

namespace Confcom.Cli.Tests.Style;

/// <summary>
/// The CLI's one JSON style (docs/cli.md) as checks: camelCase keys (except in maps whose keys are data, such as
/// environment variables), lower-case hex, booleans as JSON booleans, and no HTML-style escapes such as \u0027.
/// </summary>
internal static partial class JsonStyle
{
    /// <summary>Objects whose keys are data, not schema: environment variable names and annotations.</summary>
    private static readonly HashSet<string> Maps = new(StringComparer.Ordinal) { "envs", "annotations" };

    /// <summary>Every departure from the style in <paramref name="text"/>, as "path: problem" lines (empty when it conforms).</summary>
    public static IReadOnlyList<string> Violations(string text)
    {
        var problems = new List<string>();
        foreach (Match escape in HtmlEscape().Matches(text))
        {
            problems.Add($"raw text: HTML-safe escape {escape.Value} (the CLI writes such characters as they are)");
        }
        using var document = JsonDocument.Parse(text);
        Check(document.RootElement, "$", problems);
        return problems;
    }

    private static void Check(JsonElement element, string path, List<string> problems)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var isMap = Maps.Contains(path[(path.LastIndexOf('.') + 1)..]);
                foreach (var property in element.EnumerateObject())
                {
                    if (!isMap && !CamelCase().IsMatch(property.Name))
                    {
                        problems.Add($"{path}.{property.Name}: key is not camelCase");
                    }
                    Check(property.Value, $"{path}.{property.Name}", problems);
                }
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Check(item, $"{path}[{i++}]", problems);
                }
                break;
            case JsonValueKind.String:
                var value = element.GetString()!;
                if (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("false", StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"{path}: boolean written as the string \"{value}\"");
                }
                if (HexValue().IsMatch(value) && value != value.ToLowerInvariant())
                {
                    problems.Add($"{path}: hex \"{value}\" is not lower case");
                }
                break;
        }
    }

    [GeneratedRegex("^[a-z][a-zA-Z0-9]*$")]
    private static partial Regex CamelCase();

    /// <summary>Hex strings: at least 8 digits (shorter all-hex words are too often not hex), optional 0x.</summary>
    [GeneratedRegex("^(0x)?[0-9A-Fa-f]{8,}$")]
    private static partial Regex HexValue();

    /// <summary>What System.Text.Json's default encoder escapes and the relaxed one does not: ' + &lt; &gt; &amp; `.</summary>
    [GeneratedRegex(@"\\u00(27|2[bB]|3[cC]|3[eE]|26|60)")]
    private static partial Regex HtmlEscape();
}
