using System.CommandLine;
using Confcom.Cli.Commands.Demo;
using Confcom.DevicePlugin.Platform;
using Confcom.Hosting;
using Confcom.Hosting.Logging;
using Microsoft.Extensions.Logging;

namespace Confcom.Cli.Commands;

/// <summary>
/// <c>confcom demo</c>: the whole simulated node end to end on this machine (no SGX, cluster, root or network):
/// device plugin + kubelet stand-in, quote helper, simulated PCS, an enclave app quoting out of process, verification.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var epc = new Option<string>("--epc") { Description = "Simulated EPC size, e.g. 128MiB or 1GiB.", DefaultValueFactory = _ => "128MiB" };
        var stateDir = new Option<string?>("--state-dir")
        {
            Description = "Where the simulated node keeps its identity, the quote and the collateral (default: a new folder under the temp directory, kept afterwards).",
        };
        var verbose = new Option<bool>("--verbose") { Description = "Also show the components' informational logs (on stderr)." };

        var command = new Command("demo", "Run the whole simulated node end to end on this machine.");
        command.Options.Add(epc);
        command.Options.Add(stateDir);
        command.Options.Add(verbose);
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            ulong epcBytes;
            try
            {
                epcBytes = EpcSize.Parse(r.GetValue(epc)!);
            }
            catch (FormatException ex)
            {
                throw new CliException($"--epc: {ex.Message}");
            }
            var state = Path.GetFullPath(r.GetValue(stateDir) ?? Path.Combine(Path.GetTempPath(), "confcom-demo-" + Guid.NewGuid().ToString("N")[..8]));
            // The components log in the daemons' format, on stderr: stdout is the demo's step-by-step story.
            using var loggers = LoggerFactory.Create(b => b
                .AddConfcomConsole(LogFormat.Text, standardError: true)
                .SetMinimumLevel(r.GetValue(verbose) ? LogLevel.Information : LogLevel.Warning));

            var progress = new DemoProgress(Console.Out);
            var outcome = await new SimulatedNodeDemo(new DemoSettings(epcBytes, state), progress, loggers).RunAsync(ct);
            progress.Done($"quote verified ({outcome.Verification.StatusName}): the simulated node works end to end");
            return 0;
        });
        return command;
    }
}
