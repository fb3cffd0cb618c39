using Confcom.Chart.Tests.Support;
using k8s;
using k8s.Models;

namespace Confcom.Chart.Tests;

/// <summary>helm lint and helm template over every CI value set; every object strictly typed.</summary>
public sealed class ChartRenderingTests
{
    public static TheoryData<string> ValueSets => Renderings.ValueSetNames;

    [Theory]
    [MemberData(nameof(ValueSets))]
    public void Helm_lint_passes(string valueSet)
    {
        var arguments = new List<string> { "lint", RenderedChart.ChartDirectory, "--strict" };
        foreach (var file in RenderedChart.ValueSets[valueSet])
        {
            arguments.AddRange(["-f", Path.Combine(RenderedChart.ChartDirectory, file)]);
        }
        // --strict turns lint warnings into failures; HelmTool.Run throws on a non-zero exit.
        var output = HelmTool.Run([.. arguments]);
        Assert.Contains("0 chart(s) failed", output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ValueSets))]
    public void Every_rendered_object_is_a_known_kind_with_only_known_fields(string valueSet)
    {
        var chart = Renderings.Get(valueSet);
        Assert.NotEmpty(chart.Objects);
        var documents = chart.Yaml.Split("\n---", StringSplitOptions.RemoveEmptyEntries)
            .Count(d => d.Contains("kind:", StringComparison.Ordinal));
        Assert.Equal(documents, chart.Objects.Count);
        Assert.All(chart.Objects.Cast<IKubernetesObject<V1ObjectMeta>>(), o => Assert.False(string.IsNullOrEmpty(o.Metadata.Name)));
    }

    [Theory]
    [MemberData(nameof(ValueSets))]
    public void Namespaced_objects_are_in_the_release_namespace(string valueSet)
    {
        foreach (var o in Renderings.Get(valueSet).Objects.Cast<IKubernetesObject<V1ObjectMeta>>())
        {
            if (o is not V1MutatingWebhookConfiguration)
            {
                Assert.Equal(RenderedChart.Namespace, o.Metadata.NamespaceProperty);
            }
        }
    }

    [Fact]
    public void Default_values_render_only_the_device_plugin()
    {
        var chart = Renderings.Get("default");
        var kinds = chart.Objects.Cast<IKubernetesObject<V1ObjectMeta>>().Select(o => $"{o.Kind}/{o.Metadata.Name}").ToList();
        Assert.Equal(["DaemonSet/confcom-sgx-device-plugin"], kinds);
    }

    [Fact]
    public void Simulation_renders_the_root_hook_the_pcs_and_the_attestation_test()
    {
        var chart = Renderings.Get("simulation");
        chart.Single<V1Deployment>("confcom-pcs");
        chart.Single<V1Service>("confcom-pcs");
        var hook = chart.Single<V1Job>("confcom-sim-root");
        Assert.Contains("pre-install", hook.Metadata.Annotations["helm.sh/hook"], StringComparison.Ordinal);
        var test = chart.Single<V1Job>("confcom-attestation-test");
        Assert.Equal("test", test.Metadata.Annotations["helm.sh/hook"]);
    }
}
