using System.Net.Sockets;
using Confcom.DevicePlugin.Resources;
using Confcom.DevicePlugin.Serving;
using Confcom.DevicePlugin.Transport;
using Confcom.DevicePlugin.V1Beta1;
using Grpc.Core;

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
        try
        {
            await client.RegisterAsync(new RegisterRequest
            {
                Version = KubeletProtocol.Version,
                Endpoint = resource.SocketName,
                ResourceName = resource.ResourceName,
                Options = DevicePluginService.Options,
            }, deadline: DateTime.UtcNow + timeout, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException ex) when (ex.Status.DebugException is SocketException socketError)
        {
            // grpc's "Error connecting to subchannel" hides which socket and why.
            throw new IOException(
                $"cannot connect to {kubeletSocketPath} (Register): {socketError.Message}; " +
                (socketError.SocketErrorCode == SocketError.AccessDenied
                    ? "connecting needs write permission on the kubelet's socket: run the plugin as root"
                    : "is the kubelet running, and is --kubelet-dir its device-plugins directory?"), ex);
        }

    }
}
