using System.Text.Json;

namespace Confcom.Webhook.Admission;

/// <summary>
/// Reads an AdmissionReview request from its JSON. Only what the API server sends to this webhook is accepted: an
/// <c>admission.k8s.io/v1</c> <c>AdmissionReview</c> (the configuration asks for v1 only) with a request and its uid.
/// Anything else gets no AdmissionReview back, because there is no request to answer; the endpoint says 400 and why.
/// </summary>
internal static class AdmissionReviewReader
{
    /// <summary>The request, or null with <paramref name="error"/> saying what is wrong with the body.</summary>
    public static AdmissionRequest? Read(JsonElement root, out string? error)
    {
        error = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = "the body is not a JSON object";
            return null;
        }
        var apiVersion = String(root, "apiVersion");
        var kind = String(root, "kind");
        if (apiVersion != AdmissionReview.V1ApiVersion || kind != AdmissionReview.ReviewKind)
        {
            error = $"expected apiVersion {AdmissionReview.V1ApiVersion}, kind {AdmissionReview.ReviewKind}; got apiVersion {Show(apiVersion)}, kind {Show(kind)} (the webhook configuration must list admissionReviewVersions [\"v1\"])";
            return null;
        }
        if (!root.TryGetProperty("request", out var request) || request.ValueKind != JsonValueKind.Object)
        {
            error = "the AdmissionReview has no request";
            return null;
        }
        var uid = String(request, "uid");
        if (string.IsNullOrEmpty(uid))
        {
            error = "the AdmissionReview request has no uid";
            return null;
        }
        string? group = null, version = null, objectKind = null;
        if (request.TryGetProperty("kind", out var gvk) && gvk.ValueKind == JsonValueKind.Object)
        {
            group = String(gvk, "group");
            version = String(gvk, "version");
            objectKind = String(gvk, "kind");
        }
        JsonElement? obj = request.TryGetProperty("object", out var o) && o.ValueKind != JsonValueKind.Null ? o : null;
        return new AdmissionRequest(uid, String(request, "operation"), String(request, "namespace"), String(request, "name"),
            group, version, objectKind, obj);
    }

    private static string? String(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Show(string? value) => value is null ? "(none)" : value.Length <= 60 ? $"'{value}'" : $"'{value[..60]}…'";
}
