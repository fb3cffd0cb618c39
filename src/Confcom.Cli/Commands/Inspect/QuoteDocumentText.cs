using System.Text.Json.Nodes;

namespace Confcom.Cli.Commands.Inspect;

/// <summary>
/// Renders the inspection tree as indented <c>name: value</c> lines. Long values (certification data, PEM) are
/// shortened here; <c>--json</c> always carries them in full.
/// </summary>
internal static class QuoteDocumentText
{
    private const int MaxValueLength = 160;

    public static void Write(TextWriter output, JsonObject document) => WriteObject(output, document, 0);

    private static void WriteObject(TextWriter output, JsonObject json, int depth)
    {
        foreach (var (name, value) in json)
        {
            WriteMember(output, name, value, depth);
        }
    }

    private static void WriteMember(TextWriter output, string name, JsonNode? value, int depth)
    {
        var indent = new string(' ', depth * 2);
        switch (value)
        {
            case JsonObject child:
                output.WriteLine($"{indent}{name}:");
                WriteObject(output, child, depth + 1);
                break;
            case JsonArray array when array.All(item => item is JsonValue):
                output.WriteLine($"{indent}{name}: [{string.Join(", ", array.Select(item => item!.ToString()))}]");
                break;
            case JsonArray array:
                output.WriteLine($"{indent}{name}:");
                for (var i = 0; i < array.Count; i++)
                {
                    WriteMember(output, $"[{i}]", array[i], depth + 1);
                }
                break;
            default:
                output.WriteLine($"{indent}{name}: {Shorten(value?.ToString() ?? "(not stated)")}");
                break;
        }
    }

    private static string Shorten(string text)
    {
        text = text.Replace("\n", "\\n", StringComparison.Ordinal);
        return text.Length <= MaxValueLength ? text : $"{text[..64]}… ({text.Length} characters; full value with --json)";
    }
}
