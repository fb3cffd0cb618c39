namespace Confcom.Webhook;

/// <summary>Settings of the admission webhook (bound from the <c>confcom webhook</c> flags).</summary>
public sealed class WebhookOptions
{
    /// <summary>
    /// The largest AdmissionReview body read: 7 MiB. The API server refuses a write whose body exceeds
    /// <c>MaxRequestBodyBytes</c> = 3 MiB (k8s.io/apiserver pkg/server/config.go: twice etcd's 1.5 MiB request limit), so
    /// <c>request.object</c> and <c>request.oldObject</c> are each at most 3 MiB and the rest of the review is small;
    /// controller-runtime caps webhook requests at the same 7 MiB for the same reason. A larger body cannot come from the
    /// API server and is refused (413) while it is read, before it is buffered.
    /// </summary>
    public const int MaxRequestBodyBytes = 7 * 1024 * 1024;

    /// <summary>Where Kestrel listens, e.g. <c>https://0.0.0.0:9443</c>; plain http only for tests and local runs.</summary>
    public string ListenUrl { get; set; } = "https://0.0.0.0:9443";

    /// <summary>PEM certificate (chain) served to the API server; cert-manager typically mounts it. Reloaded when it changes.</summary>
    public string? TlsCertificatePath { get; set; }

    /// <summary>PEM private key of <see cref="TlsCertificatePath"/>.</summary>
    public string? TlsKeyPath { get; set; }

    /// <summary>Host directory holding the quote helper's <c>aesm.socket</c>, mounted read-only at the same path in the pod.</summary>
    public string AesmSocketDirectory { get; set; } = "/var/run/aesmd";

    /// <summary>
    /// Resources whose request marks a container as an enclave app: AKS's per-MiB EPC, Intel's EPC and Intel's
    /// <c>sgx.intel.com/enclave</c> (a pod may ask for the enclave device alone). Not <c>sgx.intel.com/provision</c>: a
    /// pod that asks for the provisioning device is a quoting service itself (an aesmd), which quotes in process.
    /// </summary>
    public IReadOnlyList<string> SgxResourceNames { get; set; } =
        ["kubernetes.azure.com/sgx_epc_mem_in_MiB", "sgx.intel.com/epc", "sgx.intel.com/enclave"];
}
