using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Confcom.Aesm.Client;
using Confcom.Aesm.Server;
using Confcom.Sgx.Structures;
using Confcom.Simulation.Enclaves;
using Confcom.Simulation.Quoting;

namespace Confcom.Benchmarks.QuoteHelper;

/// <summary>
/// Quotes per second through the real AESM socket (one connection per GetQuoteEx, as Intel's client does) with the
/// simulated QE3, at 1, 2, 8 and 32 concurrent clients, against the baseline measured in the same run with the same
/// number of threads: the bare ECDSA P-256 signature over header ‖ report body that each quote needs.
/// Usage: <c>dotnet run -c Release --project bench/Confcom.Benchmarks -- quote-helper [--seconds N]</c>.
/// </summary>
public sealed class QuoteHelperThroughputSuite : IBenchmarkSuite
{
    private static readonly int[] Concurrency = [1, 2, 8, 32];

    public string Name => "quote-helper";

    public async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length >= 2 && args[0] == "--seconds" ? double.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var window = TimeSpan.FromSeconds(seconds);
        var directory = Path.Combine("/tmp", "cc-bench-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            using var enclave = SimulatedQuotingEnclave.OpenOrCreate(Path.Combine(directory, "state"));
            var options = new QuoteHelperOptions { SocketPath = Path.Combine(directory, "aesm.socket") };
            await using var server = new QuoteHelperServer(options, enclave);
            await server.StartAsync();

            var client = new AesmClient(options.SocketPath, TimeSpan.FromSeconds(60));
            var keyId = SgxAttestationKeyId.DefaultEcdsaP256.ToArray();
            var init = await client.InitQuoteExAsync(keyId, false, null);
            var size = (await client.GetQuoteSizeExAsync(keyId)).QuoteSize!.Value;
            var app = new SimulatedEnclave(enclave.Platform, new SimulatedEnclaveIdentity { MrEnclave = new byte[32], MrSigner = new byte[32] });
            var report = app.CreateReport(SgxTargetInfo.Parse(init.TargetInfo), new byte[64]).ToArray();

            var target = await enclave.InitAsync(CancellationToken.None);
            var sample = (await enclave.GetQuoteAsync(SgxReport.Parse(report), null, CancellationToken.None)).Quote;
            var replayOptions = new QuoteHelperOptions { SocketPath = Path.Combine(directory, "replay.socket") };
            await using var replayServer = new QuoteHelperServer(replayOptions, new ReplayQuotingEnclave(enclave, target, sample));
            await replayServer.StartAsync();
            var replayClient = new AesmClient(replayOptions.SocketPath, TimeSpan.FromSeconds(60));

            var rows = new List<Row>();
            foreach (var clients in Concurrency)
            {
                var sign = SignOnly(clients, window);
                var backend = await BackendOnlyAsync(enclave, SgxReport.Parse(report), clients, window);
                var socket = await ThroughSocketAsync(client, report, keyId, size, clients, window);
                var transport = await ThroughSocketAsync(replayClient, report, keyId, size, clients, window);
                rows.Add(new Row(clients, sign, backend, socket, transport));
                Console.WriteLine($"{clients,3} clients: sign-only {sign.PerSecond,8:F0}/s  backend {backend.PerSecond,8:F0}/s  socket {socket.PerSecond,8:F0}/s  transport-only {transport.PerSecond,8:F0}/s  ratio {socket.PerSecond / sign.PerSecond:P0}  p50 {socket.P50Ms:F2} ms  p99 {socket.P99Ms:F2} ms");
            }
            var file = Path.Combine(MachineDescription.ResultsDirectory(), "quote-helper.md");
            await File.WriteAllTextAsync(file, Markdown(rows, window, (int)size));
            Console.WriteLine($"wrote {file}");
            return 0;
        }
        finally
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>Baseline: <paramref name="threads"/> threads signing a 432-byte region with P-256 as fast as they can.</summary>
    private static Measurement SignOnly(int threads, TimeSpan window)
    {
        var region = RandomNumberGenerator.GetBytes(432);
        long total = 0;
        var latencies = new List<double>[threads];
        var workers = Enumerable.Range(0, threads).Select(i => new Thread(() =>
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var mine = latencies[i] = new List<double>(1 << 16);
            Loop(window / 3, () => key.SignData(region, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation), null);
            var count = Loop(window, () => key.SignData(region, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation), mine);
            Interlocked.Add(ref total, count);
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        return Measurement.From(total, window, latencies.SelectMany(l => l));
    }

    /// <summary>
    /// The simulated QE3 called directly, no socket: separates the backend's own cost (report MAC check, quote
    /// assembly, key handling) from the transport's.
    /// </summary>
    private static async Task<Measurement> BackendOnlyAsync(SimulatedQuotingEnclave enclave, SgxReport report, int clients, TimeSpan window)
    {
        async Task<(long Count, List<double> Latencies)> Run(TimeSpan duration)
        {
            var latencies = new List<double>(1 << 14);
            long count = 0;
            var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            while (Stopwatch.GetTimestamp() < end)
            {
                var start = Stopwatch.GetTimestamp();
                await enclave.GetQuoteAsync(report, null, CancellationToken.None);
                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                count++;
            }
            return (count, latencies);
        }

        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(() => Run(window / 3))));
        var results = await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(() => Run(window))));
        return Measurement.From(results.Sum(r => r.Count), window, results.SelectMany(r => r.Latencies));
    }

    private static async Task<Measurement> ThroughSocketAsync(AesmClient client, byte[] report, byte[] keyId, uint size, int clients, TimeSpan window)
    {
        async Task<(long Count, List<double> Latencies)> RunClient(TimeSpan duration)
        {
            var latencies = new List<double>(1 << 14);
            long count = 0;
            var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            while (Stopwatch.GetTimestamp() < end)
            {
                var start = Stopwatch.GetTimestamp();
                var result = await client.GetQuoteExAsync(report, keyId, null, size);
                if (result.ErrorCode != 0)
                {
                    throw new InvalidOperationException($"GetQuoteEx failed with AESM error {result.ErrorCode}");
                }
                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                count++;
            }
            return (count, latencies);
        }

        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(() => RunClient(window / 3))));
        var results = await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(() => RunClient(window))));
        return Measurement.From(results.Sum(r => r.Count), window, results.SelectMany(r => r.Latencies));
    }

    private static long Loop(TimeSpan duration, Action work, List<double>? latencies)
    {
        long count = 0;
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < end)
        {
            var start = Stopwatch.GetTimestamp();
            work();
            latencies?.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            count++;
        }
        return count;
    }

    private static string Markdown(List<Row> rows, TimeSpan window, int quoteSize)
    {
        var sb = new StringBuilder();
        sb.AppendLine("# Quote helper throughput (simulated QE3 over the AESM Unix socket)");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Machine: {MachineDescription.Markdown()}; `dotnet --version` {DotnetSdkVersion()}.");
        sb.AppendLine("**The machine was shared** with five other engineers building and testing at the same time, so absolute numbers are noisy; the ratio column compares two measurements taken back to back in the same run.");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Each cell: {window.TotalSeconds:0.#} s measured after {window.TotalSeconds / 3:0.#} s warm-up. Socket = full GetQuoteEx through `QuoteHelperServer` (new connection per call, 4-byte LE frame + proto2, report MAC check, ISV signature, {quoteSize}-byte quote) with N concurrent `AesmClient` callers in the same process. Baseline = N threads doing only the ECDSA P-256 signature (SHA-256, P1363) over the 432-byte header ‖ report body that each quote needs. Target: socket ≥ 70% of sign-only.");
        sb.AppendLine();
        sb.AppendLine("| Clients | Sign-only (sig/s) | Backend direct (quotes/s) | Through socket (quotes/s) | Socket / sign-only | Socket / backend | Socket p50 (ms) | Socket p99 (ms) | Transport only (replies/s) | Sign-only p50 (ms) |");
        sb.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Clients} | {row.Sign.PerSecond:F0} | {row.Backend.PerSecond:F0} | {row.Socket.PerSecond:F0} | {row.Socket.PerSecond / row.Sign.PerSecond:P0} | {row.Socket.PerSecond / row.Backend.PerSecond:P0} | {row.Socket.P50Ms:F2} | {row.Socket.P99Ms:F2} | {row.Transport.PerSecond:F0} | {row.Sign.P50Ms:F3} |");
        }
        sb.AppendLine();
        sb.AppendLine("Reproduce: `dotnet run -c Release --project bench/Confcom.Benchmarks -- quote-helper [--seconds N]`.");
        return sb.ToString();
    }

    private static string DotnetSdkVersion()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("dotnet", "--version") { RedirectStandardOutput = true, UseShellExecute = false })!;
            var version = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return version;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }

    private sealed record Row(int Clients, Measurement Sign, Measurement Backend, Measurement Socket, Measurement Transport);

    private sealed record Measurement(double PerSecond, double P50Ms, double P99Ms)
    {
        public static Measurement From(long count, TimeSpan window, IEnumerable<double> latencies)
        {
            var sorted = latencies.Order().ToArray();
            return new Measurement(count / window.TotalSeconds, Percentile(sorted, 0.50), Percentile(sorted, 0.99));
        }

        private static double Percentile(double[] sorted, double p) =>
            sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }
}
