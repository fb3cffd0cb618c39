using Confcom.Chart.Tests.Support;
using k8s.Models;

namespace Confcom.Chart.Tests;

/// <summary>The strict reading the other chart tests rely on: it must reject what the API server would.</summary>
public sealed class StrictDeserializationTests
{
    [Fact]
    public void An_unknown_field_in_a_pod_template_is_rejected()
    {
        const string yaml = """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: { name: x }
            spec:
              selector: { matchLabels: { a: b } }
              template:
                metadata: { labels: { a: b } }
                spec:
                  containers:
                    - name: c
                      image: i
                      securityContext: { readOnlyRootFilesytem: true }
            """;
        var e = Assert.ThrowsAny<Exception>(() => RenderedChart.Parse(yaml));
        Assert.Contains("readOnlyRootFilesytem", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_known_document_parses_into_its_typed_model()
    {
        const string yaml = """
            apiVersion: v1
            kind: Service
            metadata: { name: s }
            spec: { ports: [ { port: 80 } ] }
            """;
        var service = Assert.IsType<V1Service>(Assert.Single(RenderedChart.Parse(yaml)));
        Assert.Equal(80, service.Spec.Ports[0].Port);
    }

    [Fact]
    public void A_cert_manager_Certificate_parses_into_its_model_and_an_unknown_field_in_it_is_rejected()
    {
        const string yaml = """
            apiVersion: cert-manager.io/v1
            kind: Certificate
            metadata: { name: ca }
            spec: { isCA: true, secretName: ca, issuerRef: { name: bootstrap } }
            """;
        var certificate = Assert.IsType<CertManagerCertificate>(Assert.Single(RenderedChart.Parse(yaml)));
        Assert.True(certificate.Spec.IsCA);
        Assert.Equal("bootstrap", certificate.Spec.IssuerRef.Name);

        var e = Assert.ThrowsAny<Exception>(() => RenderedChart.Parse(yaml.Replace("isCA", "isCa", StringComparison.Ordinal)));
        Assert.Contains("isCa", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_kind_is_rejected()
    {
        Assert.ThrowsAny<Exception>(() => RenderedChart.Parse("apiVersion: example.com/v1\nkind: Widget\nmetadata: { name: w }\n"));
    }

    [Fact]
    public void The_sample_attestation_job_is_a_valid_Job_with_string_env_values()
    {
        var yaml = File.ReadAllText(RepositoryRoot.Combine("samples", "attestation-job", "attestation-job.yaml"));
        var job = Assert.IsType<V1Job>(Assert.Single(RenderedChart.Parse(yaml)));
        var container = Assert.Single(job.Spec.Template.Spec.Containers);
        Assert.Equal("1", container.Env.Single(e => e.Name == "SGX_AESM_ADDR").Value);
        // EnvVar.value is a string; an unquoted 1 is refused by the API server ("cannot unmarshal number").
        Assert.Matches(@"name: SGX_AESM_ADDR\s+value: ""1""", yaml);
        Assert.Equal("10", container.Resources.Limits["kubernetes.azure.com/sgx_epc_mem_in_MiB"].ToString());
    }
}
