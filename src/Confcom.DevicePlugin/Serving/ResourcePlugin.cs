using System.Diagnostics;
using Confcom.DevicePlugin.Health;
using Confcom.DevicePlugin.Metrics;
using Confcom.DevicePlugin.Resources;
using Confcom.DevicePlugin.V1Beta1;
using Confcom.DevicePlugin.Platform;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Confcom.DevicePlugin.Serving;

/// <summary>
/// The plugin core for one resource: its device list as health changes, and Allocate. Stateless per call, so the
/// kubelet's replay of cached responses and repeated Allocate calls are both safe.
/// </summary>
internal sealed partial class ResourcePlugin
{
    private readonly DeviceNodeMonitor _monitor;
    private readonly DevicePluginMetrics _metrics;
    private readonly ILogger<ResourcePlugin> _logger;
    private readonly DeviceListMessage _healthyList;
    private readonly Lock _streamGate = new();
    private TaskCompletionSource _streamOpened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _streams;

    public ResourcePlugin(SgxResource resource, DeviceNodeMonitor monitor, DevicePluginMetrics metrics, ILogger<ResourcePlugin> logger, int maxMessageBytes)
    {
        ArgumentNullException.ThrowIfNull(resource);
        Resource = resource;
        _monitor = monitor;
        _metrics = metrics;
        _logger = logger;
        _healthyList = DeviceListEncoder.EncodeHealthy(resource, maxMessageBytes);
    }

    public SgxResource Resource { get; }

    /// <summary>How many ListAndWatch streams the kubelet has opened so far.</summary>
    public int ListAndWatchStreams
    {
        get
        {
            lock (_streamGate)
            {
                return _streams;
            }
        }
    }

    /// <summary>True once more than <paramref name="seen"/> streams were opened; false after <paramref name="deadline"/>.</summary>
    public async Task<bool> WaitForListAndWatchAsync(int seen, TimeSpan deadline, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(deadline);
        while (true)
        {
            Task opened;
            lock (_streamGate)
            {
                if (_streams > seen)
                {
                    return true;
                }
                opened = _streamOpened.Task;
            }
            try
            {
                await opened.WaitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }
    }

    /// <summary>Size of the Healthy list, the largest message this resource sends.</summary>
    public int HealthyListBytes => _healthyList.SizeBytes;

    /// <summary>The full list while the resource's device nodes exist; nothing (an empty list) while they do not.</summary>
    public DeviceListMessage DeviceList(SgxDeviceNodeSnapshot nodes) =>
        Resource.IsHealthy(nodes) ? _healthyList : DeviceListEncoder.Nothing;

    /// <summary>What the plugin advertises now, in words, for /healthz.</summary>
    public string Advertising(SgxDeviceNodeSnapshot nodes) => Resource.IsHealthy(nodes)
        ? $"advertising {Resource.DeviceCount} devices"
        : $"advertising nothing: {Resource.UnhealthyReason(nodes)}";

    /// <summary>Sends the full list now and again whenever health changes, until cancelled.</summary>
    public async Task StreamDevicesAsync(Func<ListAndWatchResponse, Task> send, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(send);
        TaskCompletionSource opened;
        lock (_streamGate)
        {
            _streams++;
            opened = _streamOpened;
            _streamOpened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        opened.TrySetResult();
        bool? lastHealthy = null;
        while (true)
        {
            var nodes = _monitor.Current;
            var list = DeviceList(nodes);
            if (list.Healthy != lastHealthy)
            {
                await send(list.Message).ConfigureAwait(false);
                _metrics.Devices(Resource.ResourceName, list.Healthy ? Resource.DeviceCount : 0, 0);
                if (list.Healthy)
                {
                    LogListSent(Resource.ResourceName, Resource.DeviceCount, KubeletProtocol.Healthy, list.SizeBytes);
                }
                else
                {
                    LogAdvertisingNothing(Resource.ResourceName, Resource.UnhealthyReason(nodes), Resource.DeviceCount);
                }
                lastHealthy = list.Healthy;
            }
            await _monitor.WaitForChangeAsync(nodes, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One response per container request; any unknown or unhealthy ID fails the whole call, naming the ID.</summary>
    public AllocateResponse Allocate(AllocateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = Stopwatch.GetTimestamp();
        var outcome = "ok";
        try
        {
            if (request.ContainerRequests.Count == 0)
            {
                outcome = "invalid";
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"{Resource.ResourceName}: Allocate request has no container requests"));
            }
            var nodes = _monitor.Current;
            var healthy = Resource.IsHealthy(nodes);
            var response = new AllocateResponse();
            foreach (var container in request.ContainerRequests)
            {
                foreach (var id in container.DevicesIds)
                {
                    if (!Resource.TryParseDeviceId(id, out _))
                    {
                        outcome = "unknown_device";
                        LogUnknownDevice(Resource.ResourceName, id, Resource.DeviceCount);
                        throw new RpcException(new Status(StatusCode.InvalidArgument,
                            $"{Resource.ResourceName}: unknown device ID '{id}' (this plugin advertises {Resource.DeviceCount} devices)"));
                    }
                    if (!healthy)
                    {
                        outcome = "unhealthy_device";
                        var reason = Resource.UnhealthyReason(nodes);
                        LogUnhealthyDevice(Resource.ResourceName, id, reason);
                        throw new RpcException(new Status(StatusCode.FailedPrecondition,
                            $"{Resource.ResourceName}: device '{id}' is unhealthy: {reason}"));
                    }
                }
                response.ContainerResponses.Add(Resource.BuildContainerResponse(nodes, container.DevicesIds));
            }
            return response;
        }
        finally
        {
            _metrics.Allocated(Resource.ResourceName, outcome, Stopwatch.GetElapsedTime(started));
        }
    }
}
