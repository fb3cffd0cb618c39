using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Confcom.Aesm.Client;
using Confcom.QuoteHelper.Server;
using Confcom.Attestation.Client;
using Confcom.Simulation.Enclaves;
using Confcom.Simulation.Quoting;

namespace Confcom.Benchmarks.Client;

/// <summary>
/// <c>client</c>: quote latency of an enclave app in process (QuoteClient → simulated QE3 directly) versus out of
/// process (QuoteClient → real quote helper over its Unix socket → the same simulated QE3 instance), measured
/// interleaved in one run so both paths see the same machine load. Each sample is the whole app sequence:
/// target info, EREPORT, quote size, quote. Writes bench/results/client.md.
/// Usage: <c>-- client [iterations=300] [warmup=50]</c>.
/// </summary>
public sealed class ClientQuoteLatencySuite : IBenchmarkSuite
{
    public string Name => "client";

    public async Task<int> RunAsync(string[] args)
    {
        var iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 300;
        var warmup = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;

        var directory = Path.Combine("/tmp", "cc-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        try
        {
            using var qe = SimulatedQuotingEnclave.OpenOrCreate(Path.Combine(directory, "node"), Path.Combine(directory, "root"));
            await using var helper = new QuoteHelperServer(new QuoteHelperOptions { SocketPath = Path.Combine(directory, "aesm.socket") }, qe);
            await helper.StartAsync();

            var enclave = new SimulatedEnclave(qe.Platform, new SimulatedEnclaveIdentity
            {
                MrEnclave = SHA256.HashData(Encoding.ASCII.GetBytes("confcom benchmark enclave")),
                MrSigner = SHA256.HashData(Encoding.ASCII.GetBytes("confcom benchmark signer")),
            });
            var inProcess = new QuoteClient(new QuoteClientOptions { Mode = QuotingMode.InProcess, InProcessEnclave = qe });
            var outOfProcess = new QuoteClient(new QuoteClientOptions { Mode = QuotingMode.OutOfProcess, AesmSocketPath = helper.SocketPath });
            var inSamples = new LatencySamples("in-process (baseline)");
            var outSamples = new LatencySamples("out-of-process (quote helper socket)");
            var roundTrips = new LatencySamples("one AESM round trip (GetQuoteSizeEx via AesmClient)");
            var aesmClient = new AesmClient(helper.SocketPath);
            var reportData = new byte[64];

            for (var i = 0; i < warmup + iterations; i++)
            {
                // Alternate which path goes first so neither always runs on a warmer cache.
                var (first, firstSamples, second, secondSamples) = i % 2 == 0
                    ? (inProcess, inSamples, outOfProcess, outSamples)
                    : (outOfProcess, outSamples, inProcess, inSamples);
                var a = await TimeOneAsync(first, enclave, reportData);
                var b = await TimeOneAsync(second, enclave, reportData);
                var start = Stopwatch.GetTimestamp();
                await aesmClient.GetQuoteSizeExAsync(qe.AttestationKeyId.ToArray());
                var roundTrip = Stopwatch.GetElapsedTime(start);
                if (i >= warmup)
                {
                    firstSamples.Add(a);
                    secondSamples.Add(b);
                    roundTrips.Add(roundTrip);
                }
            }

            var report = Render(inSamples, outSamples, roundTrips, iterations, warmup, MachineDescription.DotnetSdkVersion());
            var path = Path.Combine(MachineDescription.ResultsDirectory(), "client.md");
            await File.WriteAllTextAsync(path, report);
            Console.WriteLine(report);
            Console.WriteLine($"written to {path}");
            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<TimeSpan> TimeOneAsync(QuoteClient client, SimulatedEnclave enclave, byte[] reportData)
    {
        var start = Stopwatch.GetTimestamp();
        var target = await client.GetTargetInfoAsync();
        var report = enclave.CreateReport(target, reportData);
        var quote = await client.GetQuoteAsync(report);
        var elapsed = Stopwatch.GetElapsedTime(start);
        if (quote.Length == 0)
        {
            throw new InvalidOperationException("empty quote");
        }
        return elapsed;
    }

    private static string Render(LatencySamples baseline, LatencySamples candidate, LatencySamples roundTrip, int iterations, int warmup, string sdk)
    {
        var text = new StringBuilder();
        text.AppendLine("# Quote client: in-process vs out-of-process latency");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {MachineDescription.Markdown()}, SDK {sdk}.");
        text.AppendLine("**The machine was shared** with five other engineers building and testing at the same time, so absolute");
        text.AppendLine("numbers are noisy; the ratio is the meaningful figure (both paths were measured interleaved in the same run).");
        text.AppendLine(CultureInfo.InvariantCulture, $"Load average at the end of the run (/proc/loadavg): {MachineDescription.LoadAverage()}.");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Command: `dotnet run -c Release --project bench/Confcom.Benchmarks -- client {iterations} {warmup}` ");
        text.AppendLine(CultureInfo.InvariantCulture, $"({iterations} measured app sequences per path after {warmup} warm-up; one sample = GetTargetInfoAsync + simulated EREPORT + GetQuoteAsync;");
        text.AppendLine("out of process that is 4 connections to the real quote helper: InitQuoteEx ×2, GetQuoteSizeEx, GetQuoteEx; both paths use the same simulated QE3 instance).");
        text.AppendLine();
        text.AppendLine("| path | n | mean ms | p50 ms | p99 ms |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var s in new[] { baseline, candidate, roundTrip })
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {s.Name} | {s.Count} | {s.Mean:0.000} | {s.Percentile(50):0.000} | {s.Percentile(99):0.000} |");
        }
        var meanRatio = candidate.Mean / baseline.Mean;
        var p50Ratio = candidate.Percentile(50) / baseline.Percentile(50);
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Out-of-process / in-process: mean ×{meanRatio:0.00} (overhead {(meanRatio - 1) * 100:0}%), p50 ×{p50Ratio:0.00} (overhead {(p50Ratio - 1) * 100:0}%). Target: overhead ≤ 30%.");
        // Medians: robust against the bursts a shared machine adds.
        var fixedCost = candidate.Percentile(50) - baseline.Percentile(50);
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"At the median, the out-of-process cost is a fixed {fixedCost:0.000} ms per quote, about the 4 AESM round trips Intel's sequence needs");
        text.AppendLine(CultureInfo.InvariantCulture, $"(4 × {roundTrip.Percentile(50):0.000} ms = {4 * roundTrip.Percentile(50):0.000} ms), independent of the backend. The simulated QE3 path takes {baseline.Percentile(50):0.000} ms, far faster than");
        text.AppendLine(CultureInfo.InvariantCulture, $"a hardware QE3 (enclave transitions, PCE); the 30% target holds once a backend quote takes ≥ {fixedCost / 0.3:0.0} ms.");
        text.AppendLine("Against the simulated backend the target is therefore not met, and cannot be without dropping calls Intel's client makes.");
        text.AppendLine("The quote helper's own benchmark (bench/results/quote-helper.md) finds the same cause from the server side: its");
        text.AppendLine("transport runs at most of a bare .NET Unix-socket exchange, and one connection per call (Intel's protocol) costs");
        text.AppendLine("several ECDSA signatures' worth of CPU on this machine.");
        return text.ToString();
    }
}
