using System.Globalization;
using System.Text.Json;

namespace Confcom.Sgx.Collateral;

/// <summary>
/// Both directions of Intel's collateral JSON: parsing into <see cref="CollateralJsonField"/> (typed reads that
/// name the document and path when something is missing or malformed), and compact writes in the exact form PCS
/// serves (the signature covers that text).
/// </summary>
internal static class CollateralJson
{
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
            throw new CollateralFormatException(document, "", $"is not valid JSON ({ex.Message})");
        }
    }
}
