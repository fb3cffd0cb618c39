using Confcom.DevicePlugin.Resources;

namespace Confcom.DevicePlugin;

/// <summary>
/// Settings of the device plugin (<c>confcom device-plugin</c> flags), given to
/// <see cref="Microsoft.Extensions.DependencyInjection.DevicePluginServiceCollectionExtensions.AddSgxDevicePlugin"/> and
/// validated when the host starts.
/// </summary>
public sealed class DevicePluginOptions
{
    /// <summary>The kubelet's device-plugins directory (<c>--kubelet-dir</c>), holding kubelet.sock and our sockets.</summary>
    public string KubeletDirectory { get; set; } = KubeletProtocol.DefaultDevicePluginDirectory;

    /// <summary>Where the host's / is visible (<c>--host-root</c>); device nodes and sysfs are read below it.</summary>
    public string HostRoot { get; set; } = "/";

    /// <summary>Simulated SGX platform (<c>--simulate</c>).</summary>
    public bool Simulate { get; set; }

    /// <summary><c>--epc</c>: simulated EPC size, or without <see cref="Simulate"/> an override when CPUID leaf 0x12 is hidden.</summary>
    public ulong? EpcBytes { get; set; }

    /// <summary>Resources to serve, each on its own socket (<c>--resources</c>).</summary>
    public IList<string> Resources { get; } = [SgxResourceNames.EpcMebibytes];

    /// <summary>Also hand <c>/dev/sgx_provision</c> to containers that get EPC (<c>--epc-grants-provision</c>).</summary>
    public bool EpcGrantsProvision { get; set; }

    /// <summary>
    /// How many containers may share the enclave device (<c>--enclave-limit</c>); Intel's plugin defaults to 110 (the
    /// kubelet's max pods), or <c>PODS_PER_CORE</c> × cores when that variable is set.
    /// </summary>
    public int EnclaveSlots { get; set; } = 110;

    /// <summary>How many containers may share the provisioning device (<c>--provision-limit</c>), defaulting as <see cref="EnclaveSlots"/>.</summary>
    public int ProvisionSlots { get; set; } = 110;

    /// <summary>How long Register may take: the kubelet dials back and calls GetDevicePluginOptions inside it (10 s dial).</summary>
    public TimeSpan RegisterTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Periodic device-node rescan, behind the inotify watch on /dev (which misses nodes below /dev/sgx/).</summary>
    public TimeSpan DeviceRescanInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Periodic check of the kubelet directory, behind the inotify watch, for a restarted kubelet.</summary>
    public TimeSpan KubeletPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// After a successful Register the kubelet opens ListAndWatch within milliseconds; none within this time means
    /// the kubelet cannot talk to the plugin (capacity stays 0), which is treated as a failed registration.
    /// </summary>
    public TimeSpan ListAndWatchDeadline { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>First delay after a failed registration; doubled up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest ListAndWatch message the kubelet accepts.</summary>
    public int MaxListAndWatchMessageBytes { get; set; } = KubeletProtocol.KubeletMaxReceiveMessageBytes;
}
