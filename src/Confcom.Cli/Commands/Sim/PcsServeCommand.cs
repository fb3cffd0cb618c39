using System.CommandLine;
using Confcom.Simulation.Pcs;
using Confcom.Hosting;
using Confcom.Hosting.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

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
            DefaultValueFactory = _ => SimulatedPcsOptions.DefaultListenUrl,
        };
        var scenario = SimCollateralCommand.ScenarioOption();
        var command = new Command("serve", "Serve PCS v4 collateral (PCK cert, CRLs, TCB info, QE identity) for the simulated node.");
        command.Options.Add(stateDir);
        command.Options.Add(simRoot);
        command.Options.Add(listen);
        command.Options.Add(scenario);
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var url = r.GetValue(listen)!;
            var chosen = SimCollateralCommand.ParseScenario(r.GetValue(scenario)!);
            using var loggers = ConsoleLogging.CreateFactory();
            using var platform = SimOptions.OpenOrCreate(r.GetValue(stateDir)!, r.GetValue(simRoot), loggers);
            var builder = DaemonHost.CreateBuilder(new DaemonHostOptions { ServesHttp = true, Loggers = loggers, ShutdownTimeout = TimeSpan.FromSeconds(1) });
            builder.Services.AddSimulatedPcs(platform, o => o.Scenario = chosen);
            try
            {
                builder.Listen(url);
            }
            catch (ArgumentException ex)
            {
                throw new CliException("--listen: " + ex.Message);
            }
            builder.Map(endpoints => endpoints.MapSimulatedPcs());
            using var host = builder.Build();
            try
            {
                await host.StartAsync(ct);
            }
            catch (IOException ex)
            {
                throw new CliException($"simulated PCS cannot listen on {url}: {ex.Message}");
            }
            Console.WriteLine($"simulated PCS listening on {DaemonHost.BoundAddresses(host)[0]} (scenario {chosen}); stop with SIGTERM or Ctrl+C");
            try
            {
                // The runner cancels ct on SIGTERM/SIGINT.
                await host.WaitForShutdownAsync(ct);
            }
            catch (OperationCanceledException)
            {
            }
            await host.StopAsync(CancellationToken.None);
            Console.WriteLine("simulated PCS stopped");
            return 0;
        });
        return command;
    }
}
