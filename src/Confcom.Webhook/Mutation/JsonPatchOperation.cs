using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Confcom.Webhook.Mutation;

/// <summary>One RFC 6902 operation; the webhook only ever adds.</summary>
internal sealed record JsonPatchOperation(
    [property: JsonPropertyName("op")] string Op,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("value")] JsonNode? Value)
{
    public static JsonPatchOperation Add(string path, JsonNode value) => new("add", path, value);
}
