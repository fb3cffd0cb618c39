using System.Net.Sockets;
using Confcom.DevicePlugin.Transport;
using Confcom.DevicePlugin.V1Beta1;
using Confcom.DevicePlugin.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using DevicePluginGrpc = Confcom.DevicePlugin.V1Beta1.DevicePlugin;

namespace Confcom.DevicePlugin.Serving;

/// <summary>
/// One resource's gRPC server on its socket in the kubelet's directory. Serves first and proves it answers
/// (self-dial) before anyone registers it; removes only the socket file it created.
/// </summary>
internal sealed partial class ResourceServer : IAsyncDisposable
{
    private readonly ResourcePlugin _plugin;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger<ResourceServer> _logger;
    private WebApplication? _app;
    private UnixFileStatus _boundSocket = UnixFileStatus.Missing;

    public ResourceServer(ResourcePlugin plugin, string socketPath, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        ArgumentNullException.ThrowIfNull(loggers);
        _plugin = plugin;
        SocketPath = socketPath;
        _loggers = loggers;
        _logger = loggers.CreateLogger<ResourceServer>();
    }

    public string SocketPath { get; }

    /// <summary>Our socket file is still in place (the kubelet deletes every socket when it restarts).</summary>
    public bool IsSocketPresent => _app is not null && UnixFileStatus.GetWithoutFollowing(SocketPath).IsSameFileAs(_boundSocket);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await RemoveStaleSocketAsync(cancellationToken).ConfigureAwait(false);
        var app = UnixSocketGrpcServer.Build(SocketPath, _loggers,
            services => services.AddSingleton(_plugin),
            web => web.MapGrpcService<DevicePluginService>());
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            _boundSocket = UnixFileStatus.GetWithoutFollowing(SocketPath);
            _app = app;
        }
        catch (Exception ex) when (ex is IOException or SocketException or UnauthorizedAccessException)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            // Kestrel's own message ("Permission denied") names neither the path nor what was being done.
            throw new DevicePluginStartupException(
                $"cannot create the socket {SocketPath} (bind): {(ex.InnerException ?? ex).Message}; the plugin must be able to write to " +
                $"{Path.GetDirectoryName(SocketPath)}: run it as root (the kubelet's directory is root-owned, mode 0750) and check that --kubelet-dir is that directory, mounted read-write", ex);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        await SelfDialAsync(cancellationToken).ConfigureAwait(false);
        LogServing(_plugin.Resource.ResourceName, SocketPath, _plugin.Resource.DeviceCount);
    }

    public async Task StopAsync()
    {
        var app = Interlocked.Exchange(ref _app, null);
        if (app is null)
        {
            return;
        }
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        await app.DisposeAsync().ConfigureAwait(false);
        // Only our own incarnation: after a kubelet restart the path may already hold a newer socket.
        if (UnixFileStatus.GetWithoutFollowing(SocketPath).IsSameFileAs(_boundSocket))
        {
            File.Delete(SocketPath);
        }
        LogStopped(_plugin.Resource.ResourceName, SocketPath);
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private async Task SelfDialAsync(CancellationToken cancellationToken)
    {
        using var channel = UnixSocketChannel.Create(SocketPath);
        var client = new DevicePluginGrpc.DevicePluginClient(channel);
        await client.GetDevicePluginOptionsAsync(new Empty(), deadline: DateTime.UtcNow + KubeletProtocol.KubeletDialTimeout,
            cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private async Task RemoveStaleSocketAsync(CancellationToken cancellationToken)
    {
        var existing = UnixFileStatus.GetWithoutFollowing(SocketPath);
        if (existing.Kind == UnixFileKind.Missing)
        {
            return;
        }
        if (existing.Kind != UnixFileKind.Socket)
        {
            throw new DevicePluginStartupException(
                $"{SocketPath} exists and is not a socket ({existing.Kind}); refusing to delete it: remove it by hand if it is not needed");
        }
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await probe.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionRefused)
        {
            LogStaleSocketRemoved(SocketPath);
            try
            {
                File.Delete(SocketPath);
            }
            catch (Exception deleteFailure) when (deleteFailure is IOException or UnauthorizedAccessException)
            {
                throw new DevicePluginStartupException(
                    $"cannot remove the stale socket {SocketPath} (unlink): {deleteFailure.Message}; run the plugin as root, or remove the file by hand", deleteFailure);
            }
            return;
        }
        catch (SocketException ex)
        {
            throw new DevicePluginStartupException(
                $"cannot tell whether {SocketPath} is stale (connect: {ex.Message}); run the plugin as root, or remove the file by hand if no plugin serves it", ex);
        }
        throw new DevicePluginStartupException(
            $"{SocketPath} is already served by another process: is a second device plugin for {_plugin.Resource.ResourceName} running on this node?");
    }
}
