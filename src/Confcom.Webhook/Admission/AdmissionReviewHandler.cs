using System.Text;
using System.Text.Json;
using Confcom.Webhook.Mutation;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Confcom.Webhook.Admission;

/// <summary>
/// Turns an AdmissionReview into its answer. Pods are always allowed (the webhook only adds wiring; with
/// failurePolicy Ignore a broken webhook must not block scheduling either), with a JSONPatch when something was added.
/// </summary>
internal sealed partial class AdmissionReviewHandler(QuoteHelperWiring wiring, ILogger<AdmissionReviewHandler> logger)
{
    public AdmissionReview Handle(AdmissionReview review)
    {
        var request = review.Request ?? throw new ArgumentException("AdmissionReview has no request", nameof(review));
        var response = new AdmissionResponse { Uid = request.Uid, Allowed = true };
        var answer = new AdmissionReview { ApiVersion = review.ApiVersion, Kind = review.Kind, Response = response };

        if (request.Object is not { } raw)
        {
            LogNoObject(logger, request.Uid, request.Namespace, request.Name);
            return answer;
        }

        V1Pod pod;
        try
        {
            pod = KubernetesJson.Deserialize<V1Pod>(raw.GetRawText());
        }
        catch (JsonException ex)
        {
            LogUnreadablePod(logger, request.Uid, request.Namespace, request.Name, ex.Message);
            return answer;
        }

        var mutation = wiring.Mutate(pod);
        var podName = pod.Metadata?.Name ?? pod.Metadata?.GenerateName ?? request.Name ?? "(unnamed)";
        if (mutation.Patch.Count == 0)
        {
            LogUnchanged(logger, request.Namespace, podName, mutation.SkipReason ?? "nothing to add");
            return answer;
        }

        response.PatchType = "JSONPatch";
        response.Patch = Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(mutation.Patch)));
        LogWired(logger, request.Namespace, podName, string.Join(",", mutation.WiredContainers));
        return answer;
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information,
        Message = "Wired pod {Namespace}/{Pod} to the quote helper (containers: {Containers}): SGX_AESM_ADDR=1 and the aesmd socket mount")]
    private static partial void LogWired(ILogger logger, string? @namespace, string pod, string containers);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Debug, Message = "Pod {Namespace}/{Pod} left unchanged: {Reason}")]
    private static partial void LogUnchanged(ILogger logger, string? @namespace, string pod, string reason);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning,
        Message = "Admission request {Uid} for {Namespace}/{Name} carries no object; allowed unchanged. Check the MutatingWebhookConfiguration's rules (pods, CREATE)")]
    private static partial void LogNoObject(ILogger logger, string uid, string? @namespace, string? name);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Warning,
        Message = "Admission request {Uid} for {Namespace}/{Name}: object is not a readable Pod ({Error}); allowed unchanged")]
    private static partial void LogUnreadablePod(ILogger logger, string uid, string? @namespace, string? name, string error);
}
