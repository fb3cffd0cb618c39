using System.Text.Json;
using System.Text.Json.Nodes;
using Confcom.Webhook.Admission;
using Confcom.Webhook.Mutation;
using Microsoft.AspNetCore.JsonPatch.SystemTextJson;

namespace Confcom.Webhook.Tests.Mutation;

public class QuoteHelperWiringTests
{
    private static readonly QuoteHelperWiring Wiring = new(new WebhookOptions());

    [Fact]
    public void EnclaveAppGetsAesmAddressAReadOnlyMountAndVolume()
    {
        var podJson = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"attest"},
         "spec":{"containers":[
           {"name":"app","image":"app:1","resources":{"limits":{"kubernetes.azure.com/sgx_epc_mem_in_MiB":"10"}}},
           {"name":"sidecar","image":"side:1"}]}}
        """;

        var patched = Apply(podJson);

        var app = patched["spec"]!["containers"]![0]!;
        Assert.Contains(app["env"]!.AsArray(), e => (string?)e!["name"] == "SGX_AESM_ADDR" && (string?)e["value"] == "1");
        var mount = Assert.Single(app["volumeMounts"]!.AsArray())!;
        Assert.Equal("/var/run/aesmd", (string?)mount["mountPath"]);
        // Read-only: a pod may connect() to the socket but never delete or replace it (see the bind-mount test).
        Assert.True((bool)mount["readOnly"]!);
        var volume = Assert.Single(patched["spec"]!["volumes"]!.AsArray())!;
        Assert.Equal((string?)mount["name"], (string?)volume["name"]);
        Assert.Equal("/var/run/aesmd", (string?)volume["hostPath"]!["path"]);
        Assert.Equal("DirectoryOrCreate", (string?)volume["hostPath"]!["type"]);

        var sidecar = patched["spec"]!["containers"]![1]!;
        Assert.Null(sidecar["env"]);
        Assert.Null(sidecar["volumeMounts"]);
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

        var app = patched["spec"]!["containers"]![0]!;
        Assert.Equal(["A", "SGX_AESM_ADDR"], app["env"]!.AsArray().Select(e => (string?)e!["name"]));
        Assert.Equal(["/data", "/var/run/aesmd"], app["volumeMounts"]!.AsArray().Select(m => (string?)m!["mountPath"]));
        Assert.Equal(["data", QuoteHelperWiring.VolumeName], patched["spec"]!["volumes"]!.AsArray().Select(v => (string?)v!["name"]));
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

        Assert.Empty(Mutate(once.ToJsonString()).Patch);
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

        Assert.Empty(Mutate(podJson).Patch);
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

        Assert.Equal(expectWired, Mutate(podJson).Patch.Count > 0);
    }

    [Fact]
    public void InitContainersThatRequestEpcAreWiredToo()
    {
        var podJson = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},
         "spec":{"initContainers":[{"name":"fetch-secrets","image":"i","resources":{"limits":{"kubernetes.azure.com/sgx_epc_mem_in_MiB":"4"}}}],
          "containers":[{"name":"app","image":"a"}]}}
        """;

        var patched = Apply(podJson);

        var init = patched["spec"]!["initContainers"]![0]!;
        Assert.Contains(init["env"]!.AsArray(), e => (string?)e!["name"] == "SGX_AESM_ADDR");
        Assert.True((bool)Assert.Single(init["volumeMounts"]!.AsArray())!["readOnly"]!);
        Assert.Null(patched["spec"]!["containers"]![0]!["env"]);
        Assert.Single(patched["spec"]!["volumes"]!.AsArray());
    }

    [Theory]
    [InlineData("sgx.intel.com/enclave", "1")]
    [InlineData("sgx.intel.com/epc", "512Ki")]
    [InlineData("kubernetes.azure.com/sgx_epc_mem_in_MiB", "1e400")]
    public void EveryEnclaveResourceIsWiredWhateverTheSizeOfItsQuantity(string resource, string quantity)
    {
        var podJson = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},
         "spec":{"containers":[{"name":"app","image":"a","resources":{"limits":{"RESOURCE":"QUANTITY"}}}]}}
        """.Replace("RESOURCE", resource, StringComparison.Ordinal).Replace("QUANTITY", quantity, StringComparison.Ordinal);

        Assert.Contains(Apply(podJson)["spec"]!["containers"]![0]!["env"]!.AsArray(), e => (string?)e!["name"] == "SGX_AESM_ADDR");
    }

    [Theory]
    [InlineData("sgx.intel.com/provision", "1")]  // a quoting service itself (quotes in process)
    [InlineData("sgx.intel.com/epc", "0")]
    public void ProvisionAloneOrAZeroQuantityIsNotWired(string resource, string quantity)
    {
        var podJson = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},
         "spec":{"containers":[{"name":"app","image":"a","resources":{"limits":{"RESOURCE":"QUANTITY"}}}]}}
        """.Replace("RESOURCE", resource, StringComparison.Ordinal).Replace("QUANTITY", quantity, StringComparison.Ordinal);

        var mutation = Mutate(podJson);

        Assert.Empty(mutation.Patch);
        Assert.Null(mutation.Warning);
    }

    [Theory]
    [InlineData("""{"limits":{"sgx.intel.com/epc":"banana"}}""", "spec.containers[0].resources.limits[sgx.intel.com/epc] = \"banana\" is not a Kubernetes quantity")]
    [InlineData("""{"requests":{"sgx.intel.com/epc":true}}""", "spec.containers[0].resources.requests[sgx.intel.com/epc] = true is not a Kubernetes quantity")]
    [InlineData("""{"limits":["sgx.intel.com/epc"]}""", "spec.containers[0].resources.limits is not an object")]
    [InlineData("""{"limits":{"sgx.intel.com/epc":"10Mi"}},"env":"x" """, "spec.containers[0].env is not an array")]
    public void AMalformedFieldLeavesThePodUnwiredWithAWarningNamingIt(string resources, string warning)
    {
        var podJson = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},
         "spec":{"containers":[{"name":"app","image":"a","resources":RESOURCES}]}}
        """.Replace("RESOURCES", resources, StringComparison.Ordinal);

        var mutation = Mutate(podJson);

        Assert.Empty(mutation.Patch);
        Assert.Equal(warning, mutation.Warning);
    }

    private static PodMutation Mutate(string podJson)
    {
        using var document = JsonDocument.Parse(podJson);
        return Wiring.Mutate(document.RootElement);
    }

    /// <summary>Mutates, then applies the patch with an independent RFC 6902 implementation and returns the result.</summary>
    private static JsonNode Apply(string podJson)
    {
        var mutation = Mutate(podJson);
        Assert.NotEmpty(mutation.Patch);
        var patchJson = JsonSerializer.Serialize(mutation.Patch, AdmissionJsonContext.Default.IReadOnlyListJsonPatchOperation);
        var document = JsonSerializer.Deserialize<JsonPatchDocument>(patchJson)!;
        var node = JsonNode.Parse(podJson)!;
        document.ApplyTo(node);
        return node;
    }
}
