using System.Text.Json;
using System.Text.Json.Serialization;

namespace Confcom.Webhook.Admission;

/// <summary>
/// <c>admission.k8s.io/v1</c> AdmissionReview. KubernetesClient does not ship this type (it is never served by the
/// API server as a resource), so the envelope is declared here; the pod inside is KubernetesClient's <c>V1Pod</c>.
/// </summary>
internal sealed class AdmissionReview
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "admission.k8s.io/v1";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "AdmissionReview";

    [JsonPropertyName("request")]
    public AdmissionRequest? Request { get; set; }

    [JsonPropertyName("response")]
    public AdmissionResponse? Response { get; set; }
}
