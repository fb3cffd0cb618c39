using System.Text.Json.Serialization;

namespace Confcom.Webhook.Admission;

/// <summary>The <c>metav1.Status</c> subset shown to the user by kubectl when a pod is denied.</summary>
internal sealed class AdmissionStatus
{
    [JsonPropertyName("code")]
    public int Code { get; set; }

    [JsonPropertyName("message")]
    public string Message { get; set; } = "";
}
