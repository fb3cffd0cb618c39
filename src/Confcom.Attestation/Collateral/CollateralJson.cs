using System.Globalization;
using System.Text.Json;

namespace Confcom.Attestation.Collateral;

/// <summary>Typed reads from Intel's collateral JSON that name the document and field when something is missing or malformed.</summary>
internal static class CollateralJson
{
    public static JsonElement Property(JsonElement obj, string name, string document)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out var value))
        {
            throw new FormatException($"{document}: field '{name}' is missing");
        }
        return value;
    }

    public static string String(JsonElement obj, string name, string document)
    {
        var value = Property(obj, name, document);
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new FormatException($"{document}: field '{name}' must be a string, found {value.ValueKind}");
    }

    public static int Int(JsonElement obj, string name, string document)
    {
        var value = Property(obj, name, document);
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n)
            ? n
            : throw new FormatException($"{document}: field '{name}' must be an integer, found {value.GetRawText()}");
    }

    public static byte[] Hex(JsonElement obj, string name, int length, string document)
    {
        var text = String(obj, name, document);
        if (text.Length != length * 2)
        {
            throw new FormatException($"{document}: field '{name}' must be {length * 2} hex digits, found {text.Length}");
        }
        try
        {
            return Convert.FromHexString(text);
        }
        catch (FormatException)
        {
            throw new FormatException($"{document}: field '{name}' is not hex");
        }
    }

    public static DateTimeOffset Date(JsonElement obj, string name, string document)
    {
        var text = String(obj, name, document);
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
            ? date
            : throw new FormatException($"{document}: field '{name}' is not an ISO-8601 date: '{text}'");
    }

    public static IReadOnlyList<string> OptionalStrings(JsonElement obj, string name, string document)
    {
        if (!obj.TryGetProperty(name, out var value))
        {
            return [];
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"{document}: field '{name}' must be an array");
        }
        return [.. value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String
            ? e.GetString()!
            : throw new FormatException($"{document}: '{name}' must hold strings"))];
    }

    public static Verification.TcbStatus Status(JsonElement obj, string document)
    {
        var text = String(obj, "tcbStatus", document);
        return Enum.TryParse<Verification.TcbStatus>(text, ignoreCase: false, out var status) && Enum.IsDefined(status) && !int.TryParse(text, out _)
                && status is not (Verification.TcbStatus.TdRelaunchAdvised or Verification.TcbStatus.TdRelaunchAdvisedConfigurationNeeded)
            ? status
            : throw new FormatException($"{document}: unknown tcbStatus '{text}'");
    }

    public static JsonDocument ParseDocument(string json, string document)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{document}: not valid JSON ({ex.Message})", ex);
        }
    }
}
