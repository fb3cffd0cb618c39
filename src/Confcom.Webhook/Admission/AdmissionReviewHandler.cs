using System.Text;
using System.Text.Json;
using Confcom.Webhook.Mutation;
using Microsoft.Extensions.Logging;

namespace Confcom.Webhook.Admission;

/// <summary>
/// Turns an admission request into its answer. <b>Pods are always allowed</b>: the webhook only adds wiring, and with
/// <c>failurePolicy: Ignore</c> a broken webhook must not block scheduling either, so denying a pod for something the
/// webhook cannot read would make it stricter than its own absence. What it cannot wire (a request that is not a v1
/// Pod CREATE, a malformed pod field such as an EPC quantity "banana") is allowed unpatched with a warning, which
/// kubectl shows to whoever created the pod, and logged.
/// </summary>
internal sealed partial class AdmissionReviewHandler(QuoteHelperWiring wiring, ILogger<AdmissionReviewHandler> logger)
{
    /// <summary>Prefix of every warning, so a user can tell where it came from.</summary>
    public const string WarningPrefix = "confcom: pod not wired to the SGX quote helper: ";

    public AdmissionReview Handle(AdmissionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = new AdmissionResponse { Uid = request.Uid, Allowed = true };
        var answer = new AdmissionReview { Response = response };

        if (request.KindGroup is not ("" or null) || request.KindVersion != "v1" || request.Kind != "Pod")
        {
            return Unwired(answer, request, $"the webhook handles v1 Pods, not {request.DescribeKind()} (check the MutatingWebhookConfiguration's rules)");
        }
        if (request.Operation != "CREATE")
        {
            return Unwired(answer, request, $"only CREATE is wired (a pod's containers cannot change afterwards), not {request.Operation ?? "(no operation)"}");
        }
        if (request.Object is not { } pod)
        {
            return Unwired(answer, request, "the request carries no object");
        }
        if (pod.ValueKind != JsonValueKind.Object || Text(pod, "apiVersion") is not ("v1" or null) || Text(pod, "kind") is not ("Pod" or null))
        {
            return Unwired(answer, request, $"the object is not a v1 Pod (apiVersion {Text(pod, "apiVersion") ?? "(none)"}, kind {Text(pod, "kind") ?? "(none)"})");
        }

        var mutation = wiring.Mutate(pod);
        var podName = PodName(pod) ?? request.Name ?? "(unnamed)";
        if (mutation.Warning is { } warning)
        {
            return Unwired(answer, request, warning);
        }
        if (mutation.Patch.Count == 0)
        {
            LogUnchanged(logger, request.Namespace, podName, mutation.SkipReason ?? "nothing to add");
            return answer;
        }
        response.PatchType = "JSONPatch";
        response.Patch = Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(mutation.Patch, AdmissionJsonContext.Default.IReadOnlyListJsonPatchOperation)));
        LogWired(logger, request.Namespace, podName, string.Join(",", mutation.WiredContainers));
        return answer;
    }

    private AdmissionReview Unwired(AdmissionReview answer, AdmissionRequest request, string reason)
    {
        answer.Response!.Warnings = [WarningPrefix + reason];
        LogUnwired(logger, request.Uid, request.Namespace, request.Name ?? (request.Object is { } o ? PodName(o) : null), reason);
        return answer;
    }

    private static string? Text(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? PodName(JsonElement pod) =>
        pod.ValueKind == JsonValueKind.Object && pod.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
            ? Text(metadata, "name") ?? Text(metadata, "generateName")
            : null;
}
