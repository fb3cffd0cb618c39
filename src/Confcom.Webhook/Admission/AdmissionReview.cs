using System.Text.Json.Serialization;

namespace Confcom.Webhook.Admission;

/// <summary>
/// The <c>admission.k8s.io/v1</c> AdmissionReview the webhook answers with (KubernetesClient does not ship this type:
/// the API server never serves it as a resource). Requests are read with <see cref="AdmissionReviewReader"/>.
/// </summary>
internal sealed class AdmissionReview
{
    public const string V1ApiVersion = "admission.k8s.io/v1";
    public const string ReviewKind = "AdmissionReview";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = V1ApiVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = ReviewKind;

    [JsonPropertyName("response")]
    public AdmissionResponse? Response { get; set; }
}
