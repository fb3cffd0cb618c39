using System.CommandLine;
using System.Net;
using Confcom.Cli.Commands.DevicePlugin;
using Confcom.Cli.Options;
using Confcom.DevicePlugin;
using Confcom.DevicePlugin.Resources;
using Confcom.DevicePlugin.Platform;
using Confcom.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Confcom.Cli.Commands;

/// <summary>
/// <c>confcom device-plugin</c>: Run the kubelet device plugin for SGX EPC, enclave and provision resources. Every
/// flag has a <c>CONFCOM_…</c> variable (flag, then variable, then default).
/// </summary>
internal static class DevicePluginCommand
{
    public const int DefaultMetricsPort = 9562;

    public static Command Create()
    {
        var kubeletDir = new Option<string>("--kubelet-dir")
        {
            Description = "The kubelet's device-plugins directory (holds kubelet.sock and our sockets)",
        }.FromEnvironment(() => KubeletProtocol.DefaultDevicePluginDirectory);
        var hostRoot = new Option<string>("--host-root")
        {
            Description = "Where the host's / is mounted; /dev and /sys are read below it",
        }.FromEnvironment(() => "/");
        var simulate = new Option<bool>("--simulate") { Description = "Simulate an SGX node (no SGX hardware needed)" }
            .FromEnvironment(EnvironmentParsers.Boolean, () => false);
        var epc = new Option<string?>("--epc")
        {
            Description = "EPC size, e.g. 128MiB: the simulated EPC, or an override when the hypervisor hides CPUID leaf 0x12",
        }.FromEnvironment(text => text, () => null);
        var resources = new Option<string>("--resources")
        {
            Description = "Comma-separated resources to serve: " + string.Join(",", SgxResourceNames.All),
        }.FromEnvironment(() => SgxResourceNames.EpcMebibytes);
        var epcGrantsProvision = new Option<bool>("--epc-grants-provision")
        {
            Description = "Also give /dev/sgx_provision to containers that get EPC (lets them create attestation keys)",
        }.FromEnvironment(EnvironmentParsers.Boolean, () => false);
        var enclaveLimit = LimitOption("--enclave-limit", "sgx.intel.com/enclave");
        var provisionLimit = LimitOption("--provision-limit", "sgx.intel.com/provision");
        var metrics = MetricsListenOption.Create(new IPEndPoint(IPAddress.Loopback, DefaultMetricsPort));
        var logFormat = LogFormatOption.Create();

        var command = new Command("device-plugin", "Run the kubelet device plugin for SGX EPC, enclave and provision resources.");
        foreach (var option in new Option[] { kubeletDir, hostRoot, simulate, epc, resources, epcGrantsProvision, enclaveLimit, provisionLimit })
        {
            command.Options.Add(option);
        }
        metrics.AddTo(command);
        command.Options.Add(logFormat);
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var endpoint = metrics.Endpoint(r);
            var epcBytes = ParseEpc(r.GetValue(epc));
            var names = r.GetValue(resources)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var builder = DaemonHost.CreateBuilder(new DaemonHostOptions { MetricsEndpoint = endpoint, LogFormat = LogFormatOption.Read(r, logFormat), ReleaseStartupMemory = true });
            builder.Services.AddSgxDevicePlugin(options =>
            {
                options.KubeletDirectory = r.GetValue(kubeletDir)!;
                options.HostRoot = r.GetValue(hostRoot)!;
                options.Simulate = r.GetValue(simulate);
                options.EpcBytes = epcBytes;
                options.EpcGrantsProvision = r.GetValue(epcGrantsProvision);
                options.EnclaveSlots = r.GetValue(enclaveLimit);
                options.ProvisionSlots = r.GetValue(provisionLimit);
                options.Resources.Clear();
                foreach (var name in names)
                {
                    options.Resources.Add(name);
                }
            });
            using var host = builder.Build();
            try
            {
                // Returns once SIGTERM (or Ctrl+C) cancelled ct: sockets removed, streams closed.
                await host.RunAsync(ct);
            }
            catch (Exception ex) when (ex is DevicePluginStartupException or OptionsValidationException)
            {
                throw new CliException(ex.Message);
            }
            catch (IOException ex) when (endpoint is not null)
            {
                throw new CliException($"{metrics.Describe(r, endpoint)}: {FailureText.OneLine(ex.Message).TrimEnd('.')}; choose a free port, or --metrics-listen off");
            }
            return 0;
        });
        return command;
    }

    internal static ulong? ParseEpc(string? text)
    {
        if (text is null)
        {
            return null;
        }
        try
        {
            return EpcSize.Parse(text);
        }
        catch (FormatException ex)
        {
            throw new CliException("--epc: " + ex.Message);
        }
    }

    /// <summary>How many containers may share a device node; the default follows Intel's plugin (<see cref="PodCountDefault"/>).</summary>
    private static Option<int> LimitOption(string name, string resource)
    {
        var option = new Option<int>(name)
        {
            Description = $"How many containers may hold {resource} at once (default: 110, or {PodCountDefault.PodsPerCoreVariable} x CPUs when that is set, as Intel's plugin)",
        }.FromEnvironment(EnvironmentParsers.PositiveInteger, PodCountDefault.FromEnvironment);
        option.Validators.Add(result =>
        {
            if (result.TryGetValue<int>(out var limit) && limit < 1)
            {
                result.AddError($"{name} must be at least 1");
            }
        });
        return option;
    }
}
