using Confcom.DevicePlugin.Resources;
using Microsoft.Extensions.Options;

namespace Confcom.DevicePlugin;

/// <summary>
/// Checks the settings when the host starts, before anything is served: every failure names the flag and what to
/// pass instead. What depends on the node (its EPC, its device nodes) is checked when the resources are built.
/// </summary>
internal sealed class DevicePluginOptionsValidator : IValidateOptions<DevicePluginOptions>
{
    public ValidateOptionsResult Validate(string? name, DevicePluginOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.KubeletDirectory))
        {
            failures.Add("--kubelet-dir is empty: pass the kubelet's device-plugins directory (usually /var/lib/kubelet/device-plugins)");
        }
        if (string.IsNullOrWhiteSpace(options.HostRoot))
        {
            failures.Add("--host-root is empty: pass / or where the host's / is mounted");
        }
        if (options.Resources.Count == 0)
        {
            failures.Add("no resources to serve: pass --resources with one or more of " + string.Join(",", SgxResourceNames.All));
        }
        foreach (var unknown in options.Resources.Where(r => !SgxResourceNames.All.Contains(r, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal))
        {
            failures.Add($"unknown resource '{unknown}': this plugin serves {string.Join(", ", SgxResourceNames.All)}");
        }
        if (options.EnclaveSlots < 1)
        {
            failures.Add($"--enclave-limit must be at least 1, not {options.EnclaveSlots}");
        }
        if (options.ProvisionSlots < 1)
        {
            failures.Add($"--provision-limit must be at least 1, not {options.ProvisionSlots}");
        }
        foreach (var (value, what) in new[]
        {
            (options.RegisterTimeout, "the register timeout"),
            (options.DeviceRescanInterval, "the device rescan interval"),
            (options.KubeletPollInterval, "the kubelet poll interval"),
            (options.FirstRetryDelay, "the first retry delay"),
            (options.MaxRetryDelay, "the longest retry delay"),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                failures.Add($"{what} must be positive, not {value}");
            }
        }
        if (options.MaxListAndWatchMessageBytes < 1)
        {
            failures.Add($"the ListAndWatch message limit must be positive, not {options.MaxListAndWatchMessageBytes}");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
