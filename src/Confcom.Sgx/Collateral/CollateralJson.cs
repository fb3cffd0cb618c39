using System.Globalization;
using System.Text.Json;

namespace Confcom.Sgx.Collateral;

/// <summary>
/// Both directions of Intel's collateral JSON: typed reads that name the document and field when something is
/// missing or malformed, and compact writes in the exact form PCS serves (the signature covers that text).
/// </summary>
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

    public static TcbStatus Status(JsonElement obj, string document)
    {
        var text = String(obj, "tcbStatus", document);
        return Enum.TryParse<TcbStatus>(text, ignoreCase: false, out var status) && Enum.IsDefined(status) && !int.TryParse(text, out _)
                && status is not (TcbStatus.TdRelaunchAdvised or TcbStatus.TdRelaunchAdvisedConfigurationNeeded)
            ? status
            : throw new FormatException($"{document}: unknown tcbStatus '{text}'");
    }

    /// <summary>ISO-8601 UTC to the second with a Z, as PCS writes dates.</summary>
    public static string FormatDate(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>One compact JSON object (no whitespace, keys in the order written).</summary>
    public static string WriteObject(Action<Utf8JsonWriter> body)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The <c>tcbDate</c>, <c>tcbStatus</c> and optional <c>advisoryIDs</c> that close every level.</summary>
    public static void WriteLevelStatus(Utf8JsonWriter writer, DateTimeOffset tcbDate, TcbStatus status, IReadOnlyList<string> advisories)
    {
        writer.WriteString("tcbDate", FormatDate(tcbDate));
        writer.WriteString("tcbStatus", status.ToString());
        if (advisories.Count > 0)
        {
            writer.WriteStartArray("advisoryIDs");
            foreach (var id in advisories)
            {
                writer.WriteStringValue(id);
            }
            writer.WriteEndArray();
        }
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
