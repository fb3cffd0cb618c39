namespace Confcom.DevicePlugin;

/// <summary>Constants of the kubelet device-plugin protocol (k8s.io/kubelet pkg/apis/deviceplugin/v1beta1/constants.go).</summary>
public static class KubeletProtocol
{
    public const string Version = "v1beta1";
    public const string DefaultDevicePluginDirectory = "/var/lib/kubelet/device-plugins";
    public const string KubeletSocketName = "kubelet.sock";
    public const string CheckpointFileName = "kubelet_internal_checkpoint";
    public const string Healthy = "Healthy";
    public const string Unhealthy = "Unhealthy";

    /// <summary>The kubelet's gRPC client sets no receive limit, so grpc-go's default applies to every ListAndWatch message.</summary>
    public const int KubeletMaxReceiveMessageBytes = 4 * 1024 * 1024;

    /// <summary>The kubelet dials plugin sockets with a blocking 10 s timeout.</summary>
    public static readonly TimeSpan KubeletDialTimeout = TimeSpan.FromSeconds(10);
}
