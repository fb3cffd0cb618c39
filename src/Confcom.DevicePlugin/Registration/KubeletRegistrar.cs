using Confcom.DevicePlugin.Resources;
using Confcom.DevicePlugin.Serving;
using Confcom.DevicePlugin.Transport;
using Confcom.DevicePlugin.V1Beta1;

namespace Confcom.DevicePlugin.Registration;

/// <summary>Calls Register on kubelet.sock for one resource.</summary>
internal static class KubeletRegistrar
{
    /// <param name="timeout">Must cover the kubelet dialling back and calling GetDevicePluginOptions (up to 10 s).</param>
    public static async Task RegisterAsync(string kubeletSocketPath, SgxResource resource, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        using var channel = UnixSocketChannel.Create(kubeletSocketPath);
        var client = new V1Beta1.Registration.RegistrationClient(channel);
        await client.RegisterAsync(new RegisterRequest
        {
            Version = KubeletProtocol.Version,
            Endpoint = resource.SocketName,
            ResourceName = resource.ResourceName,
            Options = DevicePluginService.Options,
        }, deadline: DateTime.UtcNow + timeout, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
