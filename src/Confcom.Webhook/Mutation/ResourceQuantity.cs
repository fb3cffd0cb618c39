using System.Text.Json;
using System.Text.RegularExpressions;

namespace Confcom.Webhook.Mutation;

/// <summary>
/// The Kubernetes quantity grammar (k8s.io/apimachinery resource.Quantity: a signed decimal number, then a binary
/// suffix Ki…Ei, a decimal suffix n u m k M G T P E, or an exponent e/E), checked on the text alone. The value is never
/// materialised: "1e400" is a valid quantity whose value overflows every .NET number, and parsing it is what made the
/// old webhook answer 500. The webhook only needs to know whether a container asks for the resource.
/// </summary>
internal static partial class ResourceQuantity
{
    /// <summary>The longest quantity text looked at; the API server's own are a handful of characters.</summary>
    private const int MaxLength = 64;

    /// <summary>
    /// True when <paramref name="value"/> (a JSON string, or a number as some clients send) is a quantity; then
    /// <paramref name="positive"/> tells whether it asks for more than nothing.
    /// </summary>
    public static bool TryRead(JsonElement value, out bool positive)
    {
        positive = false;
        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
        if (text is null || text.Length > MaxLength)
        {
            return false;
        }
        var match = Grammar().Match(text);
        if (!match.Success)
        {
            return false;
        }
        // Positive: no minus sign and a non-zero digit in the number part (the suffix cannot make it zero).
        positive = match.Groups["sign"].Value != "-" && match.Groups["number"].Value.Any(c => c is >= '1' and <= '9');
        return true;
    }

    [GeneratedRegex(@"^(?<sign>[+-]?)(?<number>[0-9]+(\.[0-9]*)?|\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Grammar();
}
