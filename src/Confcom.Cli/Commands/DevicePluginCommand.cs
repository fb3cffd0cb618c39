using System.CommandLine;
using Confcom.Cli.Commands.DevicePlugin;
using Confcom.Cli.Hosting;
using Confcom.DevicePlugin;
using Confcom.DevicePlugin.Resources;
using Confcom.DevicePlugin.Platform;
using Confcom.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Confcom.Cli.Commands;

/// <summary><c>confcom device-plugin</c>: Run the kubelet device plugin for SGX EPC, enclave and provision resources.</summary>
internal static class DevicePluginCommand
{
    public const int DefaultMetricsPort = 9562;

    public static Command Create()
    {
        var kubeletDir = new Option<string>("--kubelet-dir")
        {
            Description = "The kubelet's device-plugins directory (holds kubelet.sock and our sockets)",
            DefaultValueFactory = _ => KubeletProtocol.DefaultDevicePluginDirectory,
        };
        var hostRoot = new Option<string>("--host-root")
        {
            Description = "Where the host's / is mounted; /dev and /sys are read below it",
            DefaultValueFactory = _ => "/",
        };
        var simulate = new Option<bool>("--simulate") { Description = "Simulate an SGX node (no SGX hardware needed)" };
        var epc = new Option<string?>("--epc")
        {
            Description = "EPC size, e.g. 128MiB: the simulated EPC, or an override when the hypervisor hides CPUID leaf 0x12",
        };
        var resources = new Option<string>("--resources")
        {
            Description = "Comma-separated resources to serve: " + string.Join(",", SgxResourceNames.All),
            DefaultValueFactory = _ => SgxResourceNames.EpcMebibytes,
        };
        var metricsPort = new Option<int>("--metrics-port")
        {
            Description = "TCP port for /metrics and /healthz (address: --metrics-address) (0 = off)",
            DefaultValueFactory = _ => DefaultMetricsPort,
        };
        var epcGrantsProvision = new Option<bool>("--epc-grants-provision")
        {
            Description = "Also give /dev/sgx_provision to containers that get EPC (lets them create attestation keys)",
        };

        var command = new Command("device-plugin", "Run the kubelet device plugin for SGX EPC, enclave and provision resources.");
        var metricsAddress = MetricsAddressOption.Create();
        foreach (var option in new Option[] { kubeletDir, hostRoot, simulate, epc, resources, metricsPort, metricsAddress, epcGrantsProvision })
        {
            command.Options.Add(option);
        }
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var port = r.GetValue(metricsPort);
            var metrics = MetricsAddressOption.Endpoint(r.GetValue(metricsAddress)!, port);
            var epcBytes = ParseEpc(r.GetValue(epc));
            var names = r.GetValue(resources)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var builder = DaemonHost.CreateBuilder(new DaemonHostOptions { MetricsEndpoint = metrics });
            builder.Services.AddSgxDevicePlugin(options =>
            {
                options.KubeletDirectory = r.GetValue(kubeletDir)!;
                options.HostRoot = r.GetValue(hostRoot)!;
                options.Simulate = r.GetValue(simulate);
                options.EpcBytes = epcBytes;
                options.EpcGrantsProvision = r.GetValue(epcGrantsProvision);
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
            catch (IOException ex) when (metrics is not null)
            {
                throw new CliException($"--metrics-port {port}: {ex.Message.TrimEnd('.')}; choose a free port, or 0 to turn metrics off");
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
}
