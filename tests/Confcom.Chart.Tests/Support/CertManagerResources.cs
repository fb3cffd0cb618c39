using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Confcom.Chart.Tests.Support;

// cert-manager's Issuer and Certificate have no KubernetesClient models. These carry exactly the fields the chart
// uses, so that the strict deserializer rejects anything else (a typo, a field cert-manager does not have) as it
// does for the built-in kinds.

/// <summary>The envelope every cert-manager object shares; the strict reader sees the derived type's attribute and spec.</summary>
internal abstract class CertManagerObject<TSpec> : IKubernetesObject<V1ObjectMeta>
    where TSpec : new()
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public TSpec Spec { get; set; } = new();
}

/// <summary>cert-manager.io/v1 Issuer, as far as the chart uses it.</summary>
[KubernetesEntity(Group = "cert-manager.io", ApiVersion = "v1", Kind = "Issuer", PluralName = "issuers")]
internal sealed class CertManagerIssuer : CertManagerObject<CertManagerIssuerSpec>;

/// <summary>Issuer spec: the chart's are a self-signed one (to bootstrap the CA) and a CA one.</summary>
internal sealed class CertManagerIssuerSpec
{
    [JsonPropertyName("selfSigned")]
    public Dictionary<string, object>? SelfSigned { get; set; }

    [JsonPropertyName("ca")]
    public CertManagerCaIssuer? Ca { get; set; }
}

/// <summary>A CA Issuer: signs with the certificate and key in its Secret.</summary>
internal sealed class CertManagerCaIssuer
{
    [JsonPropertyName("secretName")]
    public string SecretName { get; set; } = "";
}

/// <summary>cert-manager.io/v1 Certificate, as far as the chart uses it.</summary>
[KubernetesEntity(Group = "cert-manager.io", ApiVersion = "v1", Kind = "Certificate", PluralName = "certificates")]
internal sealed class CertManagerCertificate : CertManagerObject<CertManagerCertificateSpec>;

/// <summary>Certificate spec fields the chart sets.</summary>
internal sealed class CertManagerCertificateSpec
{
    [JsonPropertyName("secretName")]
    public string SecretName { get; set; } = "";

    [JsonPropertyName("dnsNames")]
    public List<string> DnsNames { get; set; } = [];

    // Spelled IsCA: the YAML reader derives the key from the property name (camelCase), and cert-manager says isCA.
    [JsonPropertyName("isCA")]
    public bool? IsCA { get; set; }

    [JsonPropertyName("commonName")]
    public string? CommonName { get; set; }

    [JsonPropertyName("duration")]
    public string? Duration { get; set; }

    [JsonPropertyName("issuerRef")]
    public CertManagerIssuerRef IssuerRef { get; set; } = new();
}

/// <summary>Reference from a Certificate to its Issuer.</summary>
internal sealed class CertManagerIssuerRef
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }
}
