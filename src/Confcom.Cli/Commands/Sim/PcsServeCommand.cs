using System.CommandLine;
using System.Runtime.InteropServices;
using Confcom.Simulation.Pcs;
using Microsoft.Extensions.Logging;

namespace Confcom.Cli.Commands.Sim;

/// <summary><c>confcom pcs serve</c>: PCS v4-compatible collateral server for a simulated node, until SIGTERM.</summary>
internal static class PcsServeCommand
{
    public static Command Create()
    {
        var stateDir = SimOptions.StateDir();
        var simRoot = SimOptions.SimRoot();
        var listen = new Option<string>("--listen")
        {
            Description = "URL to listen on (port 0 picks a free port)",
            DefaultValueFactory = _ => new SimulatedPcsOptions().Listen,
        };
        var scenario = SimCollateralCommand.ScenarioOption();
        var command = new Command("serve", "Serve PCS v4 collateral (PCK cert, CRLs, TCB info, QE identity) for the simulated node.");
        command.Options.Add(stateDir);
        command.Options.Add(simRoot);
        command.Options.Add(listen);
        command.Options.Add(scenario);
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var options = new SimulatedPcsOptions
            {
                Listen = r.GetValue(listen)!,
                Scenario = SimCollateralCommand.ParseScenario(r.GetValue(scenario)!),
            };
            using var loggers = LoggerFactory.Create(builder => builder.AddSimpleConsole(o => o.SingleLine = true));
            using var platform = SimOptions.OpenOrCreate(r.GetValue(stateDir)!, r.GetValue(simRoot), loggers);
            SimulatedPcsServer server;
            try
            {
                server = await SimulatedPcsServer.StartAsync(platform, options, loggers, ct);
            }
            catch (IOException ex)
            {
                throw new CliException(ex.Message);
            }
            await using (server)
            {
                // The runner does not turn SIGTERM into cancellation, so the verb takes SIGTERM/SIGINT itself and
                // stops the server cleanly instead of dying with 143.
                using var stopping = CancellationTokenSource.CreateLinkedTokenSource(ct);
                using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
                using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
                Console.WriteLine($"simulated PCS listening on {server.BaseAddress} (scenario {options.Scenario}); stop with SIGTERM or Ctrl+C");
                try
                {
                    await Task.Delay(Timeout.Infinite, stopping.Token);
                }
                catch (OperationCanceledException)
                {
                }

                void Stop(PosixSignalContext context)
                {
                    context.Cancel = true;
                    stopping.Cancel();
                }
            }
            Console.WriteLine("simulated PCS stopped");
            return 0;
        });
        return command;
    }
}
