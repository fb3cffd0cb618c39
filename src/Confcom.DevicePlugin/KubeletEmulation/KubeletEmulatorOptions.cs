namespace Confcom.DevicePlugin.KubeletEmulation;

/// <summary>How the emulated kubelet behaves where kubelet versions differ.</summary>
public sealed class KubeletEmulatorOptions
{
    /// <summary>
    /// Behave like the device manager of kubelets before 1.26 (measured against 1.24.17): Register is answered at
    /// once and the plugin is dialled afterwards (addEndpoint in a goroutine), with grpc-go sending the plugin's
    /// socket PATH as the HTTP/2 <c>:authority</c> (kubernetes/kubernetes#112597 changed it to "localhost").
    /// </summary>
    public bool DialsLikeKubeletBefore126 { get; init; }

    /// <summary>False: a kubelet that accepts registrations but never opens ListAndWatch (e.g. its dial-back fails).</summary>
    public bool OpensListAndWatch { get; init; } = true;
}
