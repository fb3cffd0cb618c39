using System.CommandLine;
using Confcom.Attestation.Client;
using Confcom.Cli.Commands.DevicePlugin;
using Confcom.Cli.Json;
using Confcom.Cli.Options;
using Confcom.DevicePlugin.Platform;

namespace Confcom.Cli.Commands;

/// <summary>
/// <c>confcom node-info</c>: what this node offers (SGX1/2, FLC, EPC sections, device nodes) and, for anything
/// missing, what to do. With <c>--check</c> the exit code says whether enclaves can run and quotes can be made.
/// </summary>
internal static class NodeInfoCommand
{
    public static Command Create()
    {
        var hostRoot = new Option<string>("--host-root")
        {
            Description = "Where the host's / is mounted; /dev and /sys are read below it",
            DefaultValueFactory = _ => "/",
        };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON" };
        var simulate = new Option<bool>("--simulate") { Description = "Report the simulated node the daemons would run with --simulate" };
        var epc = new Option<string?>("--epc") { Description = "EPC size, e.g. 128MiB: simulated EPC, or an override when CPUID leaf 0x12 is hidden" };
        var check = new Option<bool>("--check")
        {
            Description = $"Exit {NodeCheck.EnclavesUnusableExitCode} when enclaves cannot run here, {NodeCheck.QuotingUnusableExitCode} when they run but quotes cannot be made (in process: no provisioning device; with SGX_AESM_ADDR set: no answer from the quote helper on --socket), 0 otherwise (for init containers and readiness probes)",
        };
        var socket = SocketOption.Create("Quote helper socket, asked for its target info when SGX_AESM_ADDR is set (as the app's DCAP library would)");
        var command = new Command("node-info", "Show what this node offers: SGX1/2, FLC, EPC sections, device nodes, and why not.");
        command.Options.Add(hostRoot);
        command.Options.Add(json);
        command.Options.Add(simulate);
        command.Options.Add(epc);
        command.Options.Add(check);
        command.Options.Add(socket);
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var root = r.GetValue(hostRoot)!;
            if (!Directory.Exists(root))
            {
                throw new CliException($"--host-root {root} does not exist; give the folder where the host's / is mounted (/ outside a container)");
            }
            var report = SgxNodeInspector.Inspect(SgxPlatform.Create(new SgxPlatformOptions
            {
                HostRoot = root,
                Simulate = r.GetValue(simulate),
                EpcBytes = DevicePluginCommand.ParseEpc(r.GetValue(epc)),
            }));
            var quoting = await NodeCheck.AssessQuotingAsync(report, new QuoteClientOptions { AesmSocketPath = r.GetValue(socket)! }, ct);
            var output = r.InvocationConfiguration.Output;
            if (r.GetValue(json))
            {
                CliJson.Write(output, NodeReportJson.Create(report, quoting));
            }
            else
            {
                output.Write(NodeReportText.Render(report, quoting, root));
            }
            if (r.GetValue(check) && NodeCheck.Evaluate(report, quoting) is { } failure)
            {
                throw failure;
            }
            return 0;
        });
        return command;
    }
}
