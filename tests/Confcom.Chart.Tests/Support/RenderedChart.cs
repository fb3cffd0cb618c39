using System.Reflection;
using k8s;
using k8s.Models;

namespace Confcom.Chart.Tests.Support;

/// <summary>
/// deploy/helm/confcom rendered by the real <c>helm template</c> with a value set, every object deserialized
/// strictly into KubernetesClient's typed models (an unknown or misspelt field throws), hooks and tests included.
/// </summary>
internal sealed class RenderedChart
{
    public const string ReleaseName = "confcom";
    public const string Namespace = "confcom-system";

    private static readonly Dictionary<string, Type> TypeMap = BuildTypeMap();

    private RenderedChart(string valueSet, string yaml, IReadOnlyList<object> objects)
    {
        ValueSet = valueSet;
        Yaml = yaml;
        Objects = objects;
    }

    public static string ChartDirectory => RepositoryRoot.Combine("deploy", "helm", "confcom");

    /// <summary>The value sets CI renders: name → values files (relative to the chart), none = the defaults.</summary>
    public static IReadOnlyDictionary<string, string[]> ValueSets { get; } = new Dictionary<string, string[]>
    {
        ["default"] = [],
        ["simulation"] = ["values-simulation.yaml"],
        ["everything"] = ["ci/everything-values.yaml"],
        ["intel-resources"] = ["ci/intel-resources-values.yaml"],
    };

    public string ValueSet { get; }

    public string Yaml { get; }

    public IReadOnlyList<object> Objects { get; }

    public static RenderedChart Render(string valueSet, params string[] extraArguments)
    {
        var arguments = new List<string> { "template", ReleaseName, ChartDirectory, "--namespace", Namespace };
        foreach (var file in ValueSets[valueSet])
        {
            arguments.AddRange(["-f", Path.Combine(ChartDirectory, file)]);
        }
        arguments.AddRange(extraArguments);
        var yaml = HelmTool.Run([.. arguments]);
        return new RenderedChart(valueSet, yaml, Parse(yaml));
    }

    /// <summary>Strict: every field must exist in the typed model, every kind must be known.</summary>
    public static IReadOnlyList<object> Parse(string yaml) => KubernetesYaml.LoadAllFromString(yaml, TypeMap, strict: true);

    public IEnumerable<T> OfType<T>() => Objects.OfType<T>();

    public T Single<T>(string name)
        where T : IKubernetesObject<V1ObjectMeta> =>
        Objects.OfType<T>().SingleOrDefault(o => o.Metadata.Name == name)
        ?? throw new InvalidOperationException($"{ValueSet}: no {typeof(T).Name} named {name} (have: {string.Join(", ", Objects.OfType<IKubernetesObject<V1ObjectMeta>>().Select(o => $"{o.Kind}/{o.Metadata.Name}"))})");

    public V1DaemonSet DevicePlugin => Single<V1DaemonSet>($"{ReleaseName}-sgx-device-plugin");

    public V1DaemonSet QuoteHelper => Single<V1DaemonSet>($"{ReleaseName}-sgx-quote-helper");

    /// <summary>Every pod template of the rendering with the object that owns it.</summary>
    public IEnumerable<(string Owner, V1PodSpec Spec)> PodSpecs()
    {
        foreach (var o in Objects)
        {
            switch (o)
            {
                case V1DaemonSet d: yield return ($"DaemonSet/{d.Metadata.Name}", d.Spec.Template.Spec); break;
                case V1Deployment d: yield return ($"Deployment/{d.Metadata.Name}", d.Spec.Template.Spec); break;
                case V1Job j: yield return ($"Job/{j.Metadata.Name}", j.Spec.Template.Spec); break;
                case V1Pod p: yield return ($"Pod/{p.Metadata.Name}", p.Spec); break;
            }
        }
    }

    private static Dictionary<string, Type> BuildTypeMap()
    {
        var map = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var type in typeof(V1Pod).Assembly.GetTypes().Append(typeof(CertManagerIssuer)).Append(typeof(CertManagerCertificate)))
        {
            if (type.GetCustomAttribute<KubernetesEntityAttribute>() is { Kind: not null } entity)
            {
                var apiVersion = string.IsNullOrEmpty(entity.Group) ? entity.ApiVersion : $"{entity.Group}/{entity.ApiVersion}";
                map[$"{apiVersion}/{entity.Kind}"] = type;
            }
        }
        return map;
    }
}
