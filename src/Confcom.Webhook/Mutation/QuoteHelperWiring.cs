using System.Text.Json;
using System.Text.Json.Nodes;

namespace Confcom.Webhook.Mutation;

/// <summary>
/// Wires enclave-app containers to the node's quote helper the way an app developer would by hand: env
/// <c>SGX_AESM_ADDR=1</c> (libsgx_dcap_ql then quotes out of process) and the host's <c>/var/run/aesmd</c> mounted at
/// the same path, <b>read-only</b> (libsgx_quote_ex dials the fixed socket path; <c>connect()</c> works through a
/// read-only mount, while deleting or replacing the node's socket does not, so one pod cannot cut every other pod off).
/// Init containers are wired like the others: an init container that attests (fetching secrets before the app starts
/// is the usual reason to attest early) needs the socket as much. Idempotent, because the API server may reinvoke the
/// webhook; anything the pod already sets is left as it is.
/// <para>The pod is read as JSON (<see cref="JsonElement"/>), not deserialised into a model: nothing in it can make
/// the webhook throw (an EPC quantity "banana" or 1e400 once answered HTTP 500), and it stays NativeAOT-safe. A pod
/// the webhook cannot make sense of is left unwired with a warning naming the field.</para>
/// </summary>
internal sealed class QuoteHelperWiring(WebhookOptions options)
{
    /// <summary>Pod annotation that opts a pod out (value "false"), e.g. for apps that quote in process.</summary>
    public const string OptOutAnnotation = "confcom.azure.com/quote-helper";

    public const string AesmAddressVariable = "SGX_AESM_ADDR";
    public const string VolumeName = "confcom-aesmd-socket";

    public PodMutation Mutate(JsonElement pod)
    {
        try
        {
            return MutateOrThrow(pod);
        }
        catch (MalformedPodException e)
        {
            return PodMutation.Refused(e.Message);
        }
    }

    private PodMutation MutateOrThrow(JsonElement pod)
    {
        if (pod.ValueKind != JsonValueKind.Object)
        {
            throw new MalformedPodException("the object is not a JSON object");
        }
        if (Member(pod, "metadata", "metadata") is { } metadata
            && Member(metadata, "annotations", "metadata.annotations") is { } annotations
            && annotations.TryGetProperty(OptOutAnnotation, out var optOut)
            && optOut.ValueKind == JsonValueKind.String
            && string.Equals(optOut.GetString(), "false", StringComparison.OrdinalIgnoreCase))
        {
            return PodMutation.Skipped($"annotation {OptOutAnnotation}=false");
        }
        var spec = Member(pod, "spec", "spec") ?? throw new MalformedPodException("spec is missing");
        var containers = Array(spec, "containers", "spec.containers");
        if (containers is null || containers.Value.GetArrayLength() == 0)
        {
            return PodMutation.Skipped("pod has no containers");
        }

        var patch = new List<JsonPatchOperation>();
        var wired = new List<string>();
        var needsVolume = false;
        foreach (var field in new[] { "initContainers", "containers" })
        {
            if (Array(spec, field, "spec." + field) is not { } list)
            {
                continue;
            }
            var index = 0;
            foreach (var container in list.EnumerateArray())
            {
                var at = $"spec.{field}[{index}]";
                var basePath = $"/spec/{field}/{index}";
                index++;
                if (container.ValueKind != JsonValueKind.Object)
                {
                    throw new MalformedPodException($"{at} is not an object");
                }
                if (!RequestsSgx(container, at))
                {
                    continue;
                }
                var touched = false;
                var env = Array(container, "env", at + ".env");
                if (env is null)
                {
                    patch.Add(JsonPatchOperation.Add($"{basePath}/env", new JsonArray(AesmEnv())));
                    touched = true;
                }
                else if (!env.Value.EnumerateArray().Any(e => NameIs(e, AesmAddressVariable)))
                {
                    patch.Add(JsonPatchOperation.Add($"{basePath}/env/-", AesmEnv()));
                    touched = true;
                }

                var mountPath = options.AesmSocketDirectory;
                var mounts = Array(container, "volumeMounts", at + ".volumeMounts");
                if (mounts is null)
                {
                    patch.Add(JsonPatchOperation.Add($"{basePath}/volumeMounts", new JsonArray(SocketMount(mountPath))));
                    needsVolume = touched = true;
                }
                else if (!mounts.Value.EnumerateArray().Any(m => MountsAt(m, mountPath)))
                {
                    patch.Add(JsonPatchOperation.Add($"{basePath}/volumeMounts/-", SocketMount(mountPath)));
                    needsVolume = touched = true;
                }
                if (touched)
                {
                    wired.Add(Name(container) ?? at);
                }
            }
        }

        var volumes = Array(spec, "volumes", "spec.volumes");
        if (needsVolume && !(volumes?.EnumerateArray().Any(v => NameIs(v, VolumeName)) ?? false))
        {
            var volume = SocketVolume(options.AesmSocketDirectory);
            patch.Add(volumes is null
                ? JsonPatchOperation.Add("/spec/volumes", new JsonArray(volume))
                : JsonPatchOperation.Add("/spec/volumes/-", volume));
        }
        return new PodMutation(patch, wired, wired.Count == 0 ? "no container requests SGX resources or all are wired already" : null);
    }

    /// <summary>True when the container's limits or requests ask for a positive amount of one of the SGX resources.</summary>
    private bool RequestsSgx(JsonElement container, string at)
    {
        if (Member(container, "resources", at + ".resources") is not { } resources)
        {
            return false;
        }
        var requested = false;
        foreach (var kind in new[] { "limits", "requests" })
        {
            if (Member(resources, kind, $"{at}.resources.{kind}") is not { } amounts)
            {
                continue;
            }
            foreach (var name in options.SgxResourceNames)
            {
                if (!amounts.TryGetProperty(name, out var quantity))
                {
                    continue;
                }
                if (!ResourceQuantity.TryRead(quantity, out var positive))
                {
                    throw new MalformedPodException($"{at}.resources.{kind}[{name}] = {Shorten(quantity.GetRawText())} is not a Kubernetes quantity");
                }
                requested |= positive;
            }
        }
        return requested;
    }

    /// <summary>The object member <paramref name="name"/>, null when absent or JSON null; anything else than an object is malformed.</summary>
    private static JsonElement? Member(JsonElement parent, string name, string at)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.Object ? value : throw new MalformedPodException($"{at} is not an object");
    }

    /// <summary>The array member <paramref name="name"/>, null when absent or JSON null; anything else than an array is malformed.</summary>
    private static JsonElement? Array(JsonElement parent, string name, string at)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.Array ? value : throw new MalformedPodException($"{at} is not an array");
    }

    private static string? Name(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
            ? name.GetString()
            : null;

    private static bool NameIs(JsonElement item, string expected) => Name(item) == expected;

    private static bool MountsAt(JsonElement mount, string path) =>
        mount.ValueKind == JsonValueKind.Object && mount.TryGetProperty("mountPath", out var at) && at.ValueKind == JsonValueKind.String
        && PathsEqual(at.GetString()!, path);

    private static bool PathsEqual(string a, string b) => a.TrimEnd('/') == b.TrimEnd('/');

    private static string Shorten(string raw) => raw.Length <= 40 ? raw : raw[..40] + "…";

    private static JsonObject AesmEnv() => new() { ["name"] = AesmAddressVariable, ["value"] = "1" };

    private static JsonObject SocketMount(string path) => new() { ["name"] = VolumeName, ["mountPath"] = path, ["readOnly"] = true };

    private static JsonObject SocketVolume(string path) => new()
    {
        ["name"] = VolumeName,
        ["hostPath"] = new JsonObject { ["path"] = path, ["type"] = "DirectoryOrCreate" },
    };

    /// <summary>A pod field the webhook cannot read; the message names it (spec.containers[0].resources…).</summary>
    private sealed class MalformedPodException(string message) : Exception(message);
}
