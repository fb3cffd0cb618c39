using Confcom.DevicePlugin.Transport;
using Confcom.DevicePlugin.V1Beta1;
using Grpc.Core;
using Grpc.Net.Client;
using DevicePluginGrpc = Confcom.DevicePlugin.V1Beta1.DevicePlugin;
using ProtoDevicePluginOptions = Confcom.DevicePlugin.V1Beta1.DevicePluginOptions;

namespace Confcom.DevicePlugin.KubeletEmulation;

/// <summary>
/// What the emulated kubelet holds for one registered plugin: its connection, the options it reported, and the
/// latest device list from ListAndWatch. Like the kubelet, a broken stream marks every device unhealthy.
/// </summary>
public sealed class EmulatedPluginEndpoint : IAsyncDisposable
{
    private readonly GrpcChannel _channel;
    private readonly DevicePluginGrpc.DevicePluginClient _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private IReadOnlyList<Device> _devices = [];
    private TaskCompletionSource _updated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _listAndWatch = Task.CompletedTask;

    internal EmulatedPluginEndpoint(string resourceName, string socketPath, ProtoDevicePluginOptions options, GrpcChannel channel)
    {
        ResourceName = resourceName;
        SocketPath = socketPath;
        Options = options;
        _channel = channel;
        _client = new DevicePluginGrpc.DevicePluginClient(channel);
    }

    public string ResourceName { get; }

    /// <summary>The plugin socket the kubelet dialled (device-plugins dir joined with the registered endpoint).</summary>
    public string SocketPath { get; }

    /// <summary>Options from GetDevicePluginOptions, called inside Register (the kubelet keeps these, not the request's).</summary>
    public ProtoDevicePluginOptions Options { get; }

    public IReadOnlyList<Device> Devices
    {
        get
        {
            lock (_gate)
            {
                return _devices;
            }
        }
    }

    public int DeviceCount => Devices.Count;

    /// <summary>Devices the kubelet would count as allocatable: health exactly "Healthy".</summary>
    public int HealthyCount => Devices.Count(d => d.Health == KubeletProtocol.Healthy);

    public int MessagesReceived { get; private set; }

    /// <summary>Size in bytes of the last ListAndWatch message received.</summary>
    public int LastMessageBytes { get; private set; }

    /// <summary>Why the ListAndWatch stream ended, if it did (e.g. ResourceExhausted for a message over 4 MiB).</summary>
    public Exception? StreamError { get; private set; }

    public bool StreamOpen { get; private set; }

    /// <summary>Waits until the latest device list satisfies <paramref name="predicate"/> and returns it.</summary>
    public async Task<IReadOnlyList<Device>> WaitForDevicesAsync(Func<IReadOnlyList<Device>, bool> predicate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        while (true)
        {
            Task updated;
            IReadOnlyList<Device> devices;
            lock (_gate)
            {
                updated = _updated.Task;
                devices = _devices;
            }
            if (predicate(devices))
            {
                return devices;
            }
            await updated.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Allocate as the kubelet calls it: one container request; fails if the plugin returns no container response.</summary>
    public async Task<ContainerAllocateResponse> AllocateAsync(IReadOnlyList<string> deviceIds, CancellationToken cancellationToken)
    {
        var request = new AllocateRequest();
        var container = new ContainerAllocateRequest();
        container.DevicesIds.AddRange(deviceIds);
        request.ContainerRequests.Add(container);
        var response = await AllocateAsync(request, cancellationToken).ConfigureAwait(false);
        return response.ContainerResponses.Count > 0
            ? response.ContainerResponses[0]
            : throw new InvalidOperationException($"{ResourceName}: Allocate returned no container responses");
    }

    /// <summary>The raw Allocate call (several container requests are allowed by the API, though the kubelet sends one).</summary>
    public async Task<AllocateResponse> AllocateAsync(AllocateRequest request, CancellationToken cancellationToken) =>
        await _client.AllocateAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false);

    public async Task<ProtoDevicePluginOptions> GetDevicePluginOptionsAsync(CancellationToken cancellationToken) =>
        await _client.GetDevicePluginOptionsAsync(new Empty(), cancellationToken: cancellationToken).ConfigureAwait(false);

    internal void StartListAndWatch() => _listAndWatch = Task.Run(() => ListAndWatchAsync(_stop.Token));

    private async Task ListAndWatchAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var call = _client.ListAndWatch(new Empty(), cancellationToken: cancellationToken);
            StreamOpen = true;
            await foreach (var response in call.ResponseStream.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                LastMessageBytes = response.CalculateSize();
                MessagesReceived++;
                Publish(response.Devices.ToList());
            }
        }
        catch (Exception ex) when (ex is RpcException or OperationCanceledException or IOException)
        {
            StreamError = ex is OperationCanceledException ? null : ex;
        }
        finally
        {
            StreamOpen = false;
            // The kubelet's PluginDisconnected: capacity stays, allocatable drops to 0.
            Publish(Devices.Select(d => new Device(d) { Health = KubeletProtocol.Unhealthy }).ToList());
        }
    }

    private void Publish(IReadOnlyList<Device> devices)
    {
        TaskCompletionSource toSignal;
        lock (_gate)
        {
            _devices = devices;
            toSignal = _updated;
            _updated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        toSignal.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _listAndWatch.ConfigureAwait(false);
        _channel.Dispose();
        _stop.Dispose();
    }

    internal static GrpcChannel Dial(string socketPath, bool socketPathAsAuthority = false) => socketPathAsAuthority
        ? UnixSocketChannel.Create(socketPath, KubeletProtocol.KubeletMaxReceiveMessageBytes, stream => new SocketPathAuthorityStream(stream, socketPath))
        : UnixSocketChannel.Create(socketPath);
}
