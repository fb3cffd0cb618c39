using Confcom.DevicePlugin.V1Beta1;
using Grpc.Core;
using Microsoft.Extensions.Hosting;
using DevicePluginGrpc = Confcom.DevicePlugin.V1Beta1.DevicePlugin;
using ProtoDevicePluginOptions = Confcom.DevicePlugin.V1Beta1.DevicePluginOptions;

namespace Confcom.DevicePlugin.Serving;

/// <summary>The v1beta1 DevicePlugin service on one resource's socket; the logic lives in <see cref="ResourcePlugin"/>.</summary>
internal sealed class DevicePluginService(ResourcePlugin plugin, IHostApplicationLifetime lifetime) : DevicePluginGrpc.DevicePluginBase
{
    /// <summary>All SGX devices are identical and need no preparation, so both hooks are off (the kubelet then never calls them).</summary>
    public static ProtoDevicePluginOptions Options => new() { PreStartRequired = false, GetPreferredAllocationAvailable = false };

    public override Task<ProtoDevicePluginOptions> GetDevicePluginOptions(Empty request, ServerCallContext context) => Task.FromResult(Options);

    public override async Task ListAndWatch(Empty request, IServerStreamWriter<ListAndWatchResponse> responseStream, ServerCallContext context)
    {
        // Ends when the kubelet goes away or when this socket's server stops (rebind or shutdown).
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        try
        {
            await plugin.StreamDevicesAsync(m => responseStream.WriteAsync(m, stop.Token), stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    public override Task<AllocateResponse> Allocate(AllocateRequest request, ServerCallContext context) =>
        Task.FromResult(plugin.Allocate(request));

    public override Task<PreferredAllocationResponse> GetPreferredAllocation(PreferredAllocationRequest request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented,
            $"{plugin.Resource.ResourceName}: GetPreferredAllocation is not offered (get_preferred_allocation_available=false); all devices are identical"));

    public override Task<PreStartContainerResponse> PreStartContainer(PreStartContainerRequest request, ServerCallContext context) =>
        Task.FromResult(new PreStartContainerResponse());
}
