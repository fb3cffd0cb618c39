using System.CommandLine;
using Confcom.Attestation.Client;
using Confcom.Cli.Commands.Quoting;
using Confcom.Cli.Files;
using Confcom.Cli.Json;
using Confcom.Cli.Options;
using Confcom.Simulation.Platform;
using Confcom.Simulation.Quoting;
using Confcom.Simulation.State;

namespace Confcom.Cli.Commands;

/// <summary>
/// <c>confcom quote</c>: act as an enclave app on a simulated node. <c>SGX_AESM_ADDR</c> picks the path exactly as
/// in Intel's DCAP library: set (any value) = out of process via the quote helper's socket, unset = in process
/// with the simulated QE of <c>--state-dir</c>.
/// </summary>
internal static class QuoteCommand
{
    public static Command Create()
    {
        var reportData = new Option<string>("--report-data") { Description = "The report_data for the enclave REPORT, hex, up to 64 bytes (zero-padded).", Required = true };
        var output = new Option<string>("--out") { Description = "File to write the quote to (written atomically); - writes it to standard output (the summary then goes to standard error).", Required = true };
        var json = new Option<bool>("--json") { Description = "Print a JSON summary (version, tee, mrEnclave, mrSigner, reportData, size, mode, out)." };
        var socket = SocketOption.Create("Quote helper socket, used when SGX_AESM_ADDR is set.");
        var stateDir = StateDirOption.Create("The simulated node's state: its report key makes the enclave REPORT; its QE quotes in process.");

        var command = new Command("quote", "Get a quote as an enclave app would (SGX_AESM_ADDR selects out-of-process).");
        command.Options.Add(reportData);
        command.Options.Add(output);
        command.Options.Add(json);
        command.Options.Add(socket);
        command.Options.Add(stateDir);
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var data = ReportDataArgument.Parse(r.GetValue(reportData)!);
            var outPath = r.GetValue(output)!;
            using var platform = OpenPlatform(r.GetValue(stateDir)!);
            var options = new QuoteClientOptions { AesmSocketPath = r.GetValue(socket)! };
            var quote = await GetQuoteAsync(platform, options, data, ct);
            await OutputFile.WriteAsync("--out", outPath, quote, ct);

            var summary = QuoteSummary.From(quote, options.ResolveMode() == QuotingMode.OutOfProcess ? "out-of-process" : "in-process", OutputFile.Describe(outPath));
            // The quote itself may be on standard output; the summary then must not be mixed into it.
            var console = OutputFile.IsStandardStream(outPath) ? r.InvocationConfiguration.Error : r.InvocationConfiguration.Output;
            if (r.GetValue(json))
            {
                CliJson.Write(console, summary);
            }
            else
            {
                console.WriteLine($"wrote a {summary.Size}-byte v{summary.Version} {summary.Tee} quote ({summary.Mode}) to {summary.Out}");
            }
            return 0;
        });
        return command;
    }

    private static SimulatedPlatform OpenPlatform(string stateDir)
    {
        try
        {
            return SimulatedPlatform.Open(stateDir);
        }
        catch (SimulationStateException ex)
        {
            throw new CliException($"cannot use the simulated node in {stateDir}: {ex.Message}");
        }
    }

    private static async Task<byte[]> GetQuoteAsync(SimulatedPlatform platform, QuoteClientOptions options, byte[] reportData, CancellationToken cancellationToken)
    {
        try
        {
            using var simulatedQe = options.ResolveMode() == QuotingMode.InProcess ? new SimulatedQuotingEnclave(platform) : null;
            options.InProcessEnclave = simulatedQe;
            var client = new QuoteClient(options);
            var result = await new SampleEnclaveApp(platform).GetQuoteAsync(client, reportData, cancellationToken);
            return result.Quote;
        }
        catch (QuoteException ex)
        {
            throw new CliException(ex.Message, 3);
        }
    }
}
