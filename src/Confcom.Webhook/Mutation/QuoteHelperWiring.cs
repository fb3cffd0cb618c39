using System.Text.Json.Nodes;
using k8s.Models;

namespace Confcom.Webhook.Mutation;

/// <summary>
/// Wires enclave-app containers to the node's quote helper the way an app developer would by hand: env
/// <c>SGX_AESM_ADDR=1</c> (libsgx_dcap_ql then quotes out of process) and the host's <c>/var/run/aesmd</c> mounted
/// at the same path (libsgx_quote_ex dials the fixed socket path). Idempotent, because the API server may
/// reinvoke the webhook; anything the pod already sets is left as it is.
/// </summary>
internal sealed class QuoteHelperWiring(WebhookOptions options)
{
    /// <summary>Pod annotation that opts a pod out (value "false"), e.g. for apps that quote in process.</summary>
    public const string OptOutAnnotation = "confcom.azure.com/quote-helper";

    public const string AesmAddressVariable = "SGX_AESM_ADDR";
    public const string VolumeName = "confcom-aesmd-socket";

    public PodMutation Mutate(V1Pod pod)
    {
        var spec = pod.Spec;
        if (spec?.Containers is null || spec.Containers.Count == 0)
        {
            return PodMutation.Skipped("pod has no containers");
        }
        if (pod.Metadata?.Annotations is { } annotations &&
            annotations.TryGetValue(OptOutAnnotation, out var value) &&
            string.Equals(value, "false", StringComparison.OrdinalIgnoreCase))
        {
            return PodMutation.Skipped($"annotation {OptOutAnnotation}=false");
        }

        var patch = new List<JsonPatchOperation>();
        var wired = new List<string>();
        var needsVolume = false;
        // Init containers are left alone (as Intel's webhook does): they rarely attest and may run before the helper.
        for (var i = 0; i < spec.Containers.Count; i++)
        {
            var container = spec.Containers[i];
            if (!RequestsEpc(container))
            {
                continue;
            }
            var touched = false;
            var basePath = $"/spec/containers/{i}";
            if (container.Env is null)
            {
                patch.Add(JsonPatchOperation.Add($"{basePath}/env", new JsonArray(AesmEnv())));
                touched = true;
            }
            else if (!container.Env.Any(e => e.Name == AesmAddressVariable))
            {
                patch.Add(JsonPatchOperation.Add($"{basePath}/env/-", AesmEnv()));
                touched = true;
            }

            var mountPath = options.AesmSocketDirectory;
            if (container.VolumeMounts is null)
            {
                patch.Add(JsonPatchOperation.Add($"{basePath}/volumeMounts", new JsonArray(SocketMount(mountPath))));
                needsVolume = touched = true;
            }
            else if (!container.VolumeMounts.Any(m => PathsEqual(m.MountPath, mountPath)))
            {
                patch.Add(JsonPatchOperation.Add($"{basePath}/volumeMounts/-", SocketMount(mountPath)));
                needsVolume = touched = true;
            }
            if (touched)
            {
                wired.Add(container.Name);
            }
        }

        if (needsVolume && !(spec.Volumes?.Any(v => v.Name == VolumeName) ?? false))
        {
            var volume = SocketVolume(options.AesmSocketDirectory);
            patch.Add(spec.Volumes is null
                ? JsonPatchOperation.Add("/spec/volumes", new JsonArray(volume))
                : JsonPatchOperation.Add("/spec/volumes/-", volume));
        }
        return new PodMutation(patch, wired, wired.Count == 0 ? "no container requests EPC or all are wired already" : null);
    }

    private bool RequestsEpc(V1Container container) =>
        options.EpcResourceNames.Any(name =>
            (container.Resources?.Limits?.ContainsKey(name) ?? false) ||
            (container.Resources?.Requests?.ContainsKey(name) ?? false));

    private static bool PathsEqual(string a, string b) => a.TrimEnd('/') == b.TrimEnd('/');

    private static JsonObject AesmEnv() => new() { ["name"] = AesmAddressVariable, ["value"] = "1" };

    private static JsonObject SocketMount(string path) => new() { ["name"] = VolumeName, ["mountPath"] = path };

    private static JsonObject SocketVolume(string path) => new()
    {
        ["name"] = VolumeName,
        ["hostPath"] = new JsonObject { ["path"] = path, ["type"] = "DirectoryOrCreate" },
    };
}
