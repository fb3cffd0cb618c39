using System.Text.Json;
using System.Text.Json.Serialization;

namespace Confcom.Webhook.Admission;

/// <summary>The parts of an admission request the mutator needs; the object stays raw JSON for KubernetesJson.</summary>
internal sealed class AdmissionRequest
{
    [JsonPropertyName("uid")]
    public string Uid { get; set; } = "";

    [JsonPropertyName("operation")]
    public string? Operation { get; set; }

    [JsonPropertyName("namespace")]
    public string? Namespace { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("object")]
    public JsonElement? Object { get; set; }
}
