using System.Net.Sockets;
using Grpc.Net.Client;

namespace Confcom.DevicePlugin.Transport;

/// <summary>
/// A gRPC client channel to a Unix domain socket: plaintext HTTP/2 with :authority "localhost", as the kubelet
/// dials plugins and plugins dial kubelet.sock.
/// </summary>
internal static class UnixSocketChannel
{
    /// <param name="socketPath">The socket file.</param>
    /// <param name="maxReceiveMessageBytes">Receive limit; defaults to grpc's 4 MiB, which is what the kubelet uses.</param>
    public static GrpcChannel Create(string socketPath, int maxReceiveMessageBytes = KubeletProtocol.KubeletMaxReceiveMessageBytes) =>
        Create(socketPath, maxReceiveMessageBytes, wrapStream: null);

    /// <param name="wrapStream">Wraps each connection's stream (the kubelet stand-in uses it to dial like old kubelets).</param>
    internal static GrpcChannel Create(string socketPath, int maxReceiveMessageBytes, Func<Stream, Stream>? wrapStream)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
                    Stream stream = new NetworkStream(socket, ownsSocket: true);
                    return wrapStream is null ? stream : wrapStream(stream);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            // A long ListAndWatch stream must not be cut by the pool's idle timers.
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        };
        return GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            MaxReceiveMessageSize = maxReceiveMessageBytes,
        });
    }
}
