using System.CommandLine;
using Confcom.Cli.Options;
using Confcom.Simulation.Pcs;
using Confcom.Hosting;
using Confcom.Hosting.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Confcom.Cli.Commands.Sim;

/// <summary>
/// <c>confcom pcs serve</c>: PCS v4-compatible collateral server for a simulated node, until SIGTERM. Its flags have
/// <c>CONFCOM_…</c> variables like every daemon's; where it listens is logged once it does (port 0 picks one).
/// </summary>
internal static class PcsServeCommand
{
    public static Command Create()
    {
        var stateDir = StateDirOption.CreateForDaemon("the simulated node's state directory (PCK certificate, attestation key, report key)");
        var simRoot = SimOptions.SimRoot().FromEnvironment(text => text, () => null);
        var listen = ListenOption.Create("Where to listen, [http://]ADDRESS:PORT (port 0 picks a free port, logged at start)", SimulatedPcsOptions.DefaultListenUrl, "http", httpsAllowed: false);
        var scenario = SimCollateralCommand.ScenarioOption().FromEnvironment(() => nameof(Confcom.Simulation.Collateral.CollateralScenario.UpToDate));
        var logFormat = LogFormatOption.Create();
        var command = new Command("serve", "Serve PCS v4 collateral (PCK cert, CRLs, TCB info, QE identity) for the simulated node.");
        command.Options.Add(stateDir);
        command.Options.Add(simRoot);
        command.Options.Add(listen);
        command.Options.Add(scenario);
        command.Options.Add(logFormat);
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var address = ListenOption.Read(r, listen, "http");
            var chosen = SimCollateralCommand.ParseScenario(r.GetValue(scenario)!);
            // The platform logs while it opens, before the host exists: one factory, in the chosen format, for both.
            using var loggers = ConsoleLogging.CreateFactory(LogFormatOption.Read(r, logFormat));
            using var platform = SimOptions.OpenOrCreate(r.GetValue(stateDir)!, r.GetValue(simRoot), loggers);
            var builder = DaemonHost.CreateBuilder(new DaemonHostOptions { ServesHttp = true, Loggers = loggers, ShutdownTimeout = TimeSpan.FromSeconds(1) });
            builder.Services.AddSimulatedPcs(platform, o => o.Scenario = chosen);
            builder.Listen(address.Url);
            builder.Map(endpoints => endpoints.MapSimulatedPcs());
            using var host = builder.Build();
            try
            {
                await host.StartAsync(ct);
            }
            catch (IOException ex)
            {
                throw new CliException($"--listen {address.Url}: cannot listen there: {FailureText.OneLine(ex.Message).TrimEnd('.')}; choose a free port (0 picks one)");
            }
            try
            {
                // The runner cancels ct on SIGTERM/SIGINT.
                await host.WaitForShutdownAsync(ct);
            }
            catch (OperationCanceledException)
            {
            }
            await host.StopAsync(CancellationToken.None);
            return 0;
        });
        return command;
    }
}
