using System.Text.Json;

namespace Confcom.Cli.Commands.Quoting;

/// <summary>JSON output settings for the quote and demo verbs.</summary>
internal static class QuoteJson
{
    public static readonly JsonSerializerOptions Options = new() { WriteIndented = true };
}
