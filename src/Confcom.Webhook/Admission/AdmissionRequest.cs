using System.Text.Json;

namespace Confcom.Webhook.Admission;

/// <summary>
/// The parts of an <c>admission.k8s.io/v1</c> request the webhook uses, read from the body by
/// <see cref="AdmissionReviewReader"/>. <see cref="Object"/> is the raw pod, valid while the document it came from is.
/// </summary>
internal sealed record AdmissionRequest(
    string Uid,
    string? Operation,
    string? Namespace,
    string? Name,
    string? KindGroup,
    string? KindVersion,
    string? Kind,
    JsonElement? Object)
{
    /// <summary>What the request is about, for messages: "v1/Pod", "apps/v1/Deployment".</summary>
    public string DescribeKind() =>
        string.IsNullOrEmpty(KindGroup) ? $"{KindVersion}/{Kind}" : $"{KindGroup}/{KindVersion}/{Kind}";
}
