namespace Confcom.Webhook;

/// <summary>Settings of the admission webhook (bound from the <c>confcom webhook</c> flags).</summary>
public sealed class WebhookOptions
{
    /// <summary>Where Kestrel listens, e.g. <c>https://0.0.0.0:9443</c>; plain http only for tests and local runs.</summary>
    public string ListenUrl { get; set; } = "https://0.0.0.0:9443";

    /// <summary>PEM certificate (chain) served to the API server; cert-manager typically mounts it.</summary>
    public string? TlsCertificatePath { get; set; }

    /// <summary>PEM private key of <see cref="TlsCertificatePath"/>.</summary>
    public string? TlsKeyPath { get; set; }

    /// <summary>Host directory holding the quote helper's <c>aesm.socket</c>, mounted at the same path in the pod.</summary>
    public string AesmSocketDirectory { get; set; } = "/var/run/aesmd";

    /// <summary>Resources whose request marks a container as an enclave app.</summary>
    public IReadOnlyList<string> EpcResourceNames { get; set; } = ["kubernetes.azure.com/sgx_epc_mem_in_MiB", "sgx.intel.com/epc"];
}
