using System.Globalization;
using Confcom.DevicePlugin;
using Confcom.DevicePlugin.KubeletEmulation;
using Confcom.DevicePlugin.V1Beta1;

namespace Confcom.Cli.Commands.KubeletStandin;

/// <summary>
/// The kubelet stand-in run by hand: prints every plugin that registers and each change of its device list, and
/// allocates what <c>--allocate</c> asked for. The kubelet's own behaviour (version and name checks, dial-back,
/// 4 MiB message limit, one container per Allocate) is <see cref="KubeletEmulator"/>'s.
/// </summary>
internal sealed class KubeletStandinSession(KubeletEmulator kubelet, TextWriter output, bool quietEvents)
{
    private readonly Lock _gate = new();
    private readonly List<Task> _watchers = [];

    public void WatchRegistrations(CancellationToken cancellationToken)
    {
        kubelet.Registered += (_, endpoint) =>
        {
            Print(string.Create(CultureInfo.InvariantCulture,
                $"registered {endpoint.ResourceName} at {endpoint.SocketPath} (preStartRequired {Bool(endpoint.Options.PreStartRequired)}, getPreferredAllocationAvailable {Bool(endpoint.Options.GetPreferredAllocationAvailable)})"));
            lock (_gate)
            {
                _watchers.Add(WatchDevicesAsync(endpoint, cancellationToken));
            }
        };
    }

    public async Task<StandinAllocation> AllocateAsync(AllocationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var endpoint = await kubelet.WaitForResourceAsync(request.Resource, cancellationToken).ConfigureAwait(false);
        var devices = await endpoint.WaitForDevicesAsync(d => d.Count(IsHealthy) >= request.Count, cancellationToken).ConfigureAwait(false);
        var ids = devices.Where(IsHealthy).Take(request.Count).Select(d => d.ID).ToList();
        var response = await endpoint.AllocateAsync(ids, cancellationToken).ConfigureAwait(false);
        var allocation = new StandinAllocation(
            request.Resource,
            ids,
            response.Envs.OrderBy(e => e.Key, StringComparer.Ordinal).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal),
            [.. response.Devices.Select(d => new StandinDeviceSpec(d.HostPath, d.ContainerPath, d.Permissions))],
            [.. response.Mounts.Select(m => new StandinMount(m.HostPath, m.ContainerPath, m.ReadOnly))],
            response.Annotations.OrderBy(a => a.Key, StringComparer.Ordinal).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal));
        PrintAllocation(allocation);
        return allocation;
    }

    public static StandinPlugin Describe(EmulatedPluginEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return new StandinPlugin(endpoint.ResourceName, endpoint.SocketPath, endpoint.DeviceCount, endpoint.HealthyCount,
            endpoint.Options.PreStartRequired, endpoint.Options.GetPreferredAllocationAvailable);
    }

    public async Task StopWatchingAsync()
    {
        Task[] watchers;
        lock (_gate)
        {
            watchers = [.. _watchers];
        }
        await Task.WhenAll(watchers).ConfigureAwait(false);
    }

    private async Task WatchDevicesAsync(EmulatedPluginEndpoint endpoint, CancellationToken cancellationToken)
    {
        IReadOnlyList<Device>? last = null;
        try
        {
            while (true)
            {
                var seen = last;
                last = await endpoint.WaitForDevicesAsync(d => !ReferenceEquals(d, seen), cancellationToken).ConfigureAwait(false);
                Print(string.Create(CultureInfo.InvariantCulture,
                    $"{endpoint.ResourceName}: {last.Count} devices, {last.Count(IsHealthy)} healthy{(endpoint.StreamOpen ? "" : " (ListAndWatch stream closed)")}"));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void PrintAllocation(StandinAllocation allocation)
    {
        Print($"allocated {allocation.DeviceIds.Count} {allocation.Resource} (devices {string.Join(",", allocation.DeviceIds)}):");
        foreach (var (name, value) in allocation.Envs)
        {
            Print($"  env        {name}={value}");
        }
        foreach (var device in allocation.Devices)
        {
            Print($"  device     {device.HostPath} -> {device.ContainerPath} ({device.Permissions})");
        }
        foreach (var mount in allocation.Mounts)
        {
            Print($"  mount      {mount.HostPath} -> {mount.ContainerPath}{(mount.ReadOnly ? " (ro)" : "")}");
        }
        foreach (var (name, value) in allocation.Annotations)
        {
            Print($"  annotation {name}={value}");
        }
    }

    private void Print(string line)
    {
        if (quietEvents)
        {
            return;
        }
        // Registrations and device lists arrive on gRPC threads: whole lines only.
        lock (_gate)
        {
            output.WriteLine(line);
        }
    }

    private static bool IsHealthy(Device device) => device.Health == KubeletProtocol.Healthy;

    private static string Bool(bool value) => value ? "true" : "false";
}
