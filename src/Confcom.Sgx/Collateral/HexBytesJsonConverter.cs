using System.Text.Json;
using System.Text.Json.Serialization;

namespace Confcom.Sgx.Collateral;

/// <summary>Bytes as a hex string (either case on read, lower case on write), as dcap-qvl writes them.</summary>
internal sealed class HexBytesJsonConverter : JsonConverter<byte[]>
{
    public override byte[] Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString() ?? throw new JsonException("expected a hex string, found null");
        try
        {
            return Convert.FromHexString(text);
        }
        catch (FormatException)
        {
            throw new JsonException($"expected a hex string, found {text.Length} characters that are not hex");
        }
    }

    public override void Write(Utf8JsonWriter writer, byte[] value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Convert.ToHexStringLower(value));
}
