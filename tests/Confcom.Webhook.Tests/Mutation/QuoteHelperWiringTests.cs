using System.Text.Json;
using System.Text.Json.Nodes;
using Confcom.Webhook.Mutation;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.JsonPatch.SystemTextJson;

namespace Confcom.Webhook.Tests.Mutation;

public class QuoteHelperWiringTests
{
    private static readonly QuoteHelperWiring Wiring = new(new WebhookOptions());

    [Fact]
    public void EnclaveAppGetsAesmAddressMountAndVolume()
    {
        var podJson = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"attest"},
         "spec":{"containers":[
           {"name":"app","image":"app:1","resources":{"limits":{"kubernetes.azure.com/sgx_epc_mem_in_MiB":"10"}}},
           {"name":"sidecar","image":"side:1"}]}}
        """;

        var patched = Apply(podJson);

        var app = patched.Spec.Containers[0];
        Assert.Contains(app.Env, e => e.Name == "SGX_AESM_ADDR" && e.Value == "1");
        var mount = Assert.Single(app.VolumeMounts);
        Assert.Equal("/var/run/aesmd", mount.MountPath);
        var volume = Assert.Single(patched.Spec.Volumes);
        Assert.Equal(mount.Name, volume.Name);
        Assert.Equal("/var/run/aesmd", volume.HostPath.Path);
        Assert.Equal("DirectoryOrCreate", volume.HostPath.Type);

        var sidecar = patched.Spec.Containers[1];
        Assert.Null(sidecar.Env);
        Assert.Null(sidecar.VolumeMounts);
    }

    [Fact]
    public void ExistingEnvAndVolumesAreAppendedToNotReplaced()
    {
        var podJson = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},
         "spec":{"volumes":[{"name":"data","emptyDir":{}}],
          "containers":[{"name":"app","image":"a","env":[{"name":"A","value":"x"}],
            "volumeMounts":[{"name":"data","mountPath":"/data"}],
            "resources":{"requests":{"sgx.intel.com/epc":"10Mi"},"limits":{"sgx.intel.com/epc":"10Mi"}}}]}}
        """;

        var patched = Apply(podJson);

        var app = patched.Spec.Containers[0];
        Assert.Equal(["A", "SGX_AESM_ADDR"], app.Env.Select(e => e.Name));
        Assert.Equal(["/data", "/var/run/aesmd"], app.VolumeMounts.Select(m => m.MountPath));
        Assert.Equal(["data", QuoteHelperWiring.VolumeName], patched.Spec.Volumes.Select(v => v.Name));
    }

    [Fact]
    public void ReinvocationOnAnAlreadyWiredPodAddsNothing()
    {
        var podJson = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},
         "spec":{"containers":[{"name":"app","image":"a",
           "resources":{"limits":{"kubernetes.azure.com/sgx_epc_mem_in_MiB":"4"}}}]}}
        """;
        var once = Apply(podJson);

        var again = Wiring.Mutate(once);

        Assert.Empty(again.Patch);
    }

    [Fact]
    public void UserSetMountAtTheSocketPathIsRespected()
    {
        var podJson = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},
         "spec":{"volumes":[{"name":"mine","hostPath":{"path":"/run/aesmd"}}],
          "containers":[{"name":"app","image":"a","env":[{"name":"SGX_AESM_ADDR","value":""}],
            "volumeMounts":[{"name":"mine","mountPath":"/var/run/aesmd/"}],
            "resources":{"limits":{"kubernetes.azure.com/sgx_epc_mem_in_MiB":"4"}}}]}}
        """;

        var mutation = Wiring.Mutate(KubernetesJson.Deserialize<V1Pod>(podJson));

        Assert.Empty(mutation.Patch);
    }

    [Theory]
    [InlineData("false", false)]
    [InlineData("FALSE", false)]
    [InlineData("true", true)]
    public void OptOutAnnotationTurnsWiringOff(string value, bool expectWired)
    {
        var podJson = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","annotations":{"confcom.azure.com/quote-helper":"VALUE"}},
         "spec":{"containers":[{"name":"app","image":"a","resources":{"limits":{"kubernetes.azure.com/sgx_epc_mem_in_MiB":"4"}}}]}}
        """.Replace("VALUE", value, StringComparison.Ordinal);

        var mutation = Wiring.Mutate(KubernetesJson.Deserialize<V1Pod>(podJson));

        Assert.Equal(expectWired, mutation.Patch.Count > 0);
    }

    [Fact]
    public void InitContainersAreNotWired()
    {
        var podJson = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},
         "spec":{"initContainers":[{"name":"init","image":"i","resources":{"limits":{"kubernetes.azure.com/sgx_epc_mem_in_MiB":"4"}}}],
          "containers":[{"name":"app","image":"a"}]}}
        """;

        Assert.Empty(Wiring.Mutate(KubernetesJson.Deserialize<V1Pod>(podJson)).Patch);
    }

    private static V1Pod Apply(string podJson)
    {
        var pod = KubernetesJson.Deserialize<V1Pod>(podJson);
        var mutation = Wiring.Mutate(pod);
        Assert.NotEmpty(mutation.Patch);
        // Apply with an independent RFC 6902 implementation, then read the result back as a Pod.
        var document = JsonSerializer.Deserialize<JsonPatchDocument>(JsonSerializer.Serialize(mutation.Patch))!;
        var node = JsonNode.Parse(podJson)!;
        document.ApplyTo(node);
        return KubernetesJson.Deserialize<V1Pod>(node.ToJsonString());
    }
}
