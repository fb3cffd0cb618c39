using System.Text.Json.Serialization;

namespace Confcom.Webhook.Admission;

/// <summary>
/// The webhook's answer: always allowed, with a base64 JSONPatch when something was added, and warnings (kubectl shows
/// them to whoever created the pod) when the pod was left unwired because something in it could not be read.
/// </summary>
internal sealed class AdmissionResponse
{
    [JsonPropertyName("uid")]
    public string Uid { get; set; } = "";

    [JsonPropertyName("allowed")]
    public bool Allowed { get; set; }

    [JsonPropertyName("patchType")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PatchType { get; set; }

    [JsonPropertyName("patch")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Patch { get; set; }

    [JsonPropertyName("warnings")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Warnings { get; set; }
}
