using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Confcom.Aesm.Client;
using Confcom.QuoteHelper.Server;
using Confcom.Sgx.Structures;
using Confcom.Simulation.Enclaves;
using Confcom.Simulation.Quoting;

namespace Confcom.Benchmarks.QuoteHelper;

/// <summary>
/// Quotes per second through the real AESM socket (one connection per GetQuoteEx, as Intel's client does) with the
/// simulated QE3, at 1, 2, 8 and 32 concurrent clients, against the baseline measured in the same run with the same
/// number of threads: the bare ECDSA P-256 signature over header ‖ report body that each quote needs. Two more
/// columns locate the cost: the simulated QE3 called directly (no socket), and the socket path with a backend that
/// replays a quote (no signing). The four measurements run in interleaved slices so that the shared machine's load
/// swings hit all of them alike.
/// Usage: <c>dotnet run -c Release --project bench/Confcom.Benchmarks -- quote-helper [--seconds N]</c>.
/// </summary>
public sealed class QuoteHelperThroughputSuite : IBenchmarkSuite
{
    private const int Slices = 4;
    private static readonly int[] Concurrency = [1, 2, 8, 32];

    public string Name => "quote-helper";

    public async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length >= 2 && args[0] == "--seconds" ? double.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var slice = TimeSpan.FromSeconds(seconds / Slices);
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
            var target = await enclave.InitAsync(CancellationToken.None);
            var size = (await client.GetQuoteSizeExAsync(keyId)).QuoteSize!.Value;
            var app = new SimulatedEnclave(enclave.Platform, new SimulatedEnclaveIdentity { MrEnclave = new byte[32], MrSigner = new byte[32] });
            var report = app.CreateReport(SgxTargetInfo.Parse(init.TargetInfo), new byte[64]);
            var sample = (await enclave.GetQuoteAsync(report, null, CancellationToken.None)).Quote;

            var replayOptions = new QuoteHelperOptions { SocketPath = Path.Combine(directory, "replay.socket") };
            await using var replayServer = new QuoteHelperServer(replayOptions, new ReplayQuotingEnclave(enclave, target, sample));
            await replayServer.StartAsync();
            var replayClient = new AesmClient(replayOptions.SocketPath, TimeSpan.FromSeconds(60));

            var reportBytes = report.ToArray();
            var requestFrameSize = Confcom.Aesm.Protocol.AesmFrame.Encode(new Confcom.Aesm.Protocol.Messages.Request
            {
                GetQuoteExReq = new() { Report = Google.Protobuf.ByteString.CopyFrom(reportBytes), AttKeyId = Google.Protobuf.ByteString.CopyFrom(keyId), BufSize = size, Timeout = 60000 },
            }).Length;
            await using var floor = new RawExchangeFloor(Path.Combine(directory, "floor.socket"), requestFrameSize, (int)size + 16);
            Func<Task> backendCall = () => enclave.GetQuoteAsync(report, null, CancellationToken.None).AsTask();
            Func<Task> socketCall = async () => Check(await client.GetQuoteExAsync(reportBytes, keyId, null, size));
            Func<Task> transportCall = async () => Check(await replayClient.GetQuoteExAsync(reportBytes, keyId, null, size));
            Func<Task> floorCall = floor.ExchangeAsync;
            var rows = new List<Row>();
            foreach (var clients in Concurrency)
            {
                var row = new Row(clients);
                var warmUp = slice / 2;
                SignOnly(clients, warmUp);
                await RunConcurrentlyAsync(warmUp, backendCall, clients);
                await RunConcurrentlyAsync(warmUp, socketCall, clients);
                await RunConcurrentlyAsync(warmUp, transportCall, clients);
                await RunConcurrentlyAsync(warmUp, floorCall, clients);
                for (var i = 0; i < Slices; i++)
                {
                    Record(row.Sign, SignOnly(clients, slice));
                    Record(row.Backend, await RunConcurrentlyAsync(slice, backendCall, clients));
                    Record(row.Socket, await RunConcurrentlyAsync(slice, socketCall, clients));
                    Record(row.Transport, await RunConcurrentlyAsync(slice, transportCall, clients));
                    Record(row.Floor, await RunConcurrentlyAsync(slice, floorCall, clients));
                }
                rows.Add(row);
                Console.WriteLine($"{clients,3} clients: sign-only {row.Sign.PerSecond,8:F0}/s  backend {row.Backend.PerSecond,8:F0}/s  socket {row.Socket.PerSecond,8:F0}/s  transport-only {row.Transport.PerSecond,8:F0}/s  raw floor {row.Floor.PerSecond,8:F0}/s  socket/sign {row.Socket.PerSecond / row.Sign.PerSecond:P0}  p50 {row.Socket.P50Ms:F2} ms  p99 {row.Socket.P99Ms:F2} ms");
            }
            var file = Path.Combine(MachineDescription.ResultsDirectory(), "quote-helper.md");
            await File.WriteAllTextAsync(file, Markdown(rows, seconds, (int)size));
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

    private static void Record(ThroughputSample sample, (long Count, List<double> Latencies, TimeSpan Elapsed) result) =>
        sample.Add(result.Count, result.Elapsed, result.Latencies);

    private static void Check(Confcom.Aesm.Client.Results.AesmQuoteResult result)
    {
        if (result.ErrorCode != 0)
        {
            throw new InvalidOperationException($"GetQuoteEx failed with AESM error {result.ErrorCode}");
        }
    }

    /// <summary>
    /// Baseline: <paramref name="threads"/> threads signing a 432-byte region with P-256 as fast as they can, all
    /// stopping at one shared deadline; the rate is divided by the wall time until the last one stopped.
    /// </summary>
    private static (long, List<double>, TimeSpan) SignOnly(int threads, TimeSpan duration)
    {
        var region = RandomNumberGenerator.GetBytes(432);
        var keys = Enumerable.Range(0, threads).Select(_ => ECDsa.Create(ECCurve.NamedCurves.nistP256)).ToArray();
        var perThread = new (long Count, List<double> Latencies)[threads];
        var started = Stopwatch.GetTimestamp();
        var end = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, threads).Select(i => new Thread(() =>
        {
            var latencies = new List<double>(1 << 14);
            long count = 0;
            while (Stopwatch.GetTimestamp() < end)
            {
                var start = Stopwatch.GetTimestamp();
                keys[i].SignData(region, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                count++;
            }
            perThread[i] = (count, latencies);
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        var elapsed = Stopwatch.GetElapsedTime(started);
        foreach (var key in keys)
        {
            key.Dispose();
        }
        return (perThread.Sum(p => p.Count), perThread.SelectMany(p => p.Latencies).ToList(), elapsed);
    }

    /// <summary>
    /// <paramref name="callers"/> loops calling <paramref name="operation"/> until one shared deadline; the rate is
    /// divided by the wall time until the last call returned (a synchronous operation cannot inflate it).
    /// </summary>
    private static async Task<(long, List<double>, TimeSpan)> RunConcurrentlyAsync(TimeSpan duration, Func<Task> operation, int callers)
    {
        var started = Stopwatch.GetTimestamp();
        var end = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        async Task<(long Count, List<double> Latencies)> Loop()
        {
            var latencies = new List<double>(1 << 12);
            long count = 0;
            while (Stopwatch.GetTimestamp() < end)
            {
                var start = Stopwatch.GetTimestamp();
                await operation();
                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                count++;
            }
            return (count, latencies);
        }

        var results = await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(Loop)));
        return (results.Sum(r => r.Count), results.SelectMany(r => r.Latencies).ToList(), Stopwatch.GetElapsedTime(started));
    }

    private static string Markdown(List<Row> rows, double seconds, int quoteSize)
    {
        var sb = new StringBuilder();
        sb.AppendLine("# Quote helper throughput (simulated QE3 over the AESM Unix socket)");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Machine: {MachineDescription.Markdown()}; `dotnet --version` {MachineDescription.DotnetSdkVersion()}; load average at the end: {MachineDescription.LoadAverage()}.");
        sb.AppendLine();
        sb.AppendLine("**The machine was shared** with five other engineers building and testing at the same time (2 cores, load average far above 2), so absolute numbers are noisy. The five measurements of a row were taken in interleaved slices (sign-only, backend, socket, transport, raw floor, repeated) so that load swings hit them alike; ratios are within one row.");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Each cell: {Slices} slices, {seconds:0.#} s in total, after a warm-up. **Socket** = full GetQuoteEx through `QuoteHelperServer` (new connection per call, 4-byte LE frame + proto2, report MAC check, ISV signature, {quoteSize}-byte quote) with N concurrent `AesmClient` callers in the same process. **Sign-only** (the baseline) = N threads doing only the ECDSA P-256 signature (SHA-256, P1363) over the 432-byte header ‖ report body that each quote needs. **Backend** = `SimulatedQuotingEnclave.GetQuoteAsync` called directly, N callers. **Transport** = the same socket path with a backend that replays a ready quote (no crypto). **Raw floor** = a bare .NET Unix-socket exchange of the same sizes, one connection per call, no framing/protobuf/dispatch: the best any per-call-connection transport can do here. Target: socket ≥ 70% of sign-only.");
        sb.AppendLine();
        sb.AppendLine("| Clients | Sign-only (sig/s) | Backend direct (quotes/s) | Socket (quotes/s) | Socket / sign-only | Socket / backend | Socket p50 (ms) | Socket p99 (ms) | Transport only (replies/s) | Raw socket floor (exchanges/s) | Transport / floor |");
        sb.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Clients} | {row.Sign.PerSecond:F0} | {row.Backend.PerSecond:F0} | {row.Socket.PerSecond:F0} | {row.Socket.PerSecond / row.Sign.PerSecond:P0} | {row.Socket.PerSecond / row.Backend.PerSecond:P0} | {row.Socket.P50Ms:F2} | {row.Socket.P99Ms:F2} | {row.Transport.PerSecond:F0} | {row.Floor.PerSecond:F0} | {row.Transport.PerSecond / row.Floor.PerSecond:P0} |");
        }
        sb.AppendLine();
        var socketVsSign = rows.Select(r => r.Socket.PerSecond / r.Sign.PerSecond).ToArray();
        var transportVsFloor = rows.Select(r => r.Transport.PerSecond / r.Floor.PerSecond).ToArray();
        var floorVsSign = rows.Select(r => r.Floor.PerSecond / r.Sign.PerSecond).ToArray();
        sb.AppendLine(
            FormattableString.Invariant($"**Verdict:** socket throughput is {socketVsSign.Min():P0}–{socketVsSign.Max():P0} of the sign-only rate, {(socketVsSign.Min() >= 0.7 ? "meeting" : "missing")} the 70% target. ") +
            FormattableString.Invariant($"The AESM layers are not what limits it: with signing taken out, the transport reaches {transportVsFloor.Min():P0}–{transportVsFloor.Max():P0} of a bare .NET Unix-socket exchange of the same sizes. ") +
            FormattableString.Invariant($"That floor — one connection per call, which Intel's client requires — runs at only {floorVsSign.Min():P0}–{floorVsSign.Max():P0} of the signing rate on this machine, ") +
            FormattableString.Invariant($"so each per-call connection costs as much CPU as {1 / floorVsSign.Max():0.#}–{1 / floorVsSign.Min():0.#} signatures and a socket path cannot reach 70% of sign-only here (client and server also share the same 2 cores in this run). ") +
            "Costs add up: 1/socket ≈ 1/backend + 1/transport.");
        sb.AppendLine();
        sb.AppendLine("Reproduce: `dotnet run -c Release --project bench/Confcom.Benchmarks -- quote-helper [--seconds N]`.");
        return sb.ToString();
    }

    private sealed record Row(int Clients)
    {
        public ThroughputSample Sign { get; } = new();

        public ThroughputSample Backend { get; } = new();

        public ThroughputSample Socket { get; } = new();

        public ThroughputSample Transport { get; } = new();

        public ThroughputSample Floor { get; } = new();
    }
}
