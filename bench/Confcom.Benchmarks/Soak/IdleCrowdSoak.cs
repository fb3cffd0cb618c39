using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Confcom.Aesm.Client;
using Confcom.Benchmarks.Client;
using Confcom.Sgx.Structures;
using Confcom.Simulation.Enclaves;
using Confcom.Simulation.Platform;

namespace Confcom.Benchmarks.Soak;

/// <summary>
/// Soak (b), also the quote helper's idle-crowd benchmark: a real <c>confcom quote-helper --backend simulated</c>
/// process answers N GetQuoteEx calls (4 callers, Intel's 15 s client deadline) three times in one run: unloaded, then
/// while a hostile local process keeps 1,000 connections open on the 0777 socket (900 that sent a partial frame and
/// wait, 100 that drip one byte every 300 ms; whatever the helper drops is reconnected at once, as an attacker would),
/// then unloaded again. p50/p99 of the loaded run are compared with the unloaded runs around it.
/// </summary>
internal static class IdleCrowdSoak
{
    private const int Callers = 4;

    /// <summary>
    /// Offered load, the same in every phase: 500 quotes/s (125 per caller), so that a phase of 10,000 quotes spans
    /// 20 s, four of the helper's 5 s request deadlines, and the crowd is dropped and reconnects several times while
    /// quotes are served (flat out, 10,000 quotes would finish before the first deadline).
    /// </summary>
    private const int QuotesPerSecond = 500;
    private const int IdleConnections = 900;
    private const int DrippingConnections = 100;
    private static readonly TimeSpan DripInterval = TimeSpan.FromMilliseconds(300);

    public static async Task RunAsync(int quotes)
    {
        var root = Path.Combine("/tmp", "cc-soak-" + Guid.NewGuid().ToString("N")[..8]);
        var state = Path.Combine(root, "state");
        var socket = Path.Combine(root, "aesm.socket");
        var load = MachineDescription.LoadAverage();
        try
        {
            SimulatedPlatform.OpenOrCreate(state).Dispose();
            var port = FreePort();
            using var helper = ConfcomChild.Start("quote-helper", "--backend", "simulated", "--state-dir", state, "--socket", socket,
                "--metrics-listen", FormattableString.Invariant($"127.0.0.1:{port}"));
            var client = new AesmClient(socket);
            await WaitUntilServingAsync(client, helper);

            using var platform = SimulatedPlatform.Open(state);
            var keyId = SgxAttestationKeyId.DefaultEcdsaP256.ToArray();
            var init = await client.InitQuoteExAsync(keyId, false, null);
            var size = (await client.GetQuoteSizeExAsync(keyId)).QuoteSize!.Value;
            var report = new SimulatedEnclave(platform, new SimulatedEnclaveIdentity { MrEnclave = new byte[32], MrSigner = new byte[32] })
                .CreateReport(SgxTargetInfo.Parse(init.TargetInfo), new byte[64]).ToArray();
            Func<Task> quote = async () =>
            {
                var result = await client.GetQuoteExAsync(report, keyId, null, size);
                if (result.ErrorCode != 0)
                {
                    throw new InvalidOperationException($"GetQuoteEx answered AESM error {result.ErrorCode}");
                }
            };

            await RunQuotesAsync(quote, Math.Min(quotes, 500));  // warm-up
            var before = await RunQuotesAsync(quote, quotes);
            var afterUnloaded = helper.Sample();
            Console.WriteLine(FormattableString.Invariant($"unloaded: p50 {before.Latency.Percentile(50):F2} ms, p99 {before.Latency.Percentile(99):F2} ms, {before.Errors} errors"));

            Phase loaded;
            CrowdStatistics crowd;
            ProcessSample duringCrowd;
            await using (var attacker = new HostileCrowd(socket))
            {
                await attacker.FillAsync(IdleConnections, DrippingConnections, DripInterval);
                loaded = await RunQuotesAsync(quote, quotes);
                duringCrowd = helper.Sample();
                crowd = attacker.Statistics();
            }
            Console.WriteLine(FormattableString.Invariant($"crowd of {IdleConnections + DrippingConnections}: p50 {loaded.Latency.Percentile(50):F2} ms, p99 {loaded.Latency.Percentile(99):F2} ms, {loaded.Errors} errors, crowd open min {crowd.MinimumOpen}, reconnects {crowd.Reconnects}"));
            var after = await RunQuotesAsync(quote, quotes);
            Console.WriteLine(FormattableString.Invariant($"unloaded again: p50 {after.Latency.Percentile(50):F2} ms, p99 {after.Latency.Percentile(99):F2} ms, {after.Errors} errors"));
            var metrics = await ReadMetricsAsync(port);
            var end = helper.Sample();
            await helper.StopAsync();
            SoakResults.Write("aesm", Markdown(quotes, before, loaded, after, crowd, afterUnloaded, duringCrowd, end, metrics, load, MachineDescription.LoadAverage()));
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<Phase> RunQuotesAsync(Func<Task> quote, int count)
    {
        var remaining = count;
        var errors = 0;
        var latencies = new List<double>[Callers];
        var started = Stopwatch.StartNew();
        var interval = TimeSpan.FromSeconds((double)Callers / QuotesPerSecond);
        await Task.WhenAll(Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
        {
            var mine = latencies[caller] = new List<double>(count / Callers + 1);
            var due = started.Elapsed + interval * caller / Callers;
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                if (due > started.Elapsed)
                {
                    await Task.Delay(due - started.Elapsed);
                }
                due += interval;
                var start = Stopwatch.GetTimestamp();
                try
                {
                    await quote();
                    mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
                catch (Exception e) when (e is AesmTransportException or InvalidOperationException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })));
        var samples = new LatencySamples("quote");
        foreach (var value in latencies.SelectMany(l => l))
        {
            samples.Add(TimeSpan.FromMilliseconds(value));
        }
        return new Phase(samples, errors, started.Elapsed);
    }

    private static async Task WaitUntilServingAsync(AesmClient client, ConfcomChild helper)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (true)
        {
            helper.ThrowIfExited();
            try
            {
                if ((await client.GetSupportedAttKeyIdNumAsync(deadline.Token)).ErrorCode == 0)
                {
                    return;
                }
            }
            catch (AesmTransportException)
            {
            }
            await Task.Delay(50, deadline.Token);
        }
    }

    private static async Task<string> ReadMetricsAsync(int port)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var text = await http.GetStringAsync($"http://127.0.0.1:{port}/metrics");
        return string.Join("; ", text.Split('\n')
            .Where(l => l.StartsWith("confcom_aesm_rejected_frames_total{", StringComparison.Ordinal) || l.StartsWith("confcom_aesm_socket_rebinds_total ", StringComparison.Ordinal))
            .Select(l => l.Replace("confcom_aesm_rejected_frames_total", "rejected", StringComparison.Ordinal)));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Markdown(int quotes, Phase before, Phase loaded, Phase after, CrowdStatistics crowd,
        ProcessSample unloadedSample, ProcessSample crowdSample, ProcessSample endSample, string metrics, string loadBefore, string loadAfter)
    {
        var unloadedP50 = (before.Latency.Percentile(50) + after.Latency.Percentile(50)) / 2;
        var unloadedP99 = (before.Latency.Percentile(99) + after.Latency.Percentile(99)) / 2;
        var sb = new StringBuilder();
        sb.AppendLine("## (b) 1,000 idle and dripping AESM connections while quotes complete");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Machine: {MachineDescription.Markdown()}; load average {loadBefore} at the start, {loadAfter} at the end.");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"A separate `confcom quote-helper --backend simulated` process with its default settings (1,024 connections, 5 s request deadline). Each phase: {quotes:N0} GetQuoteEx calls by {Callers} concurrent `AesmClient` callers at an offered {QuotesPerSecond} quotes/s (a new connection per call, as Intel's client; its 15 s deadline), full simulated QE3 signing; latency is measured from each call's start, so a stalled socket would show. The crowd: {IdleConnections} connections that sent a length prefix and 3 body bytes of a 1,000-byte frame and then wait, and {DrippingConnections} that send one byte every {DripInterval.TotalMilliseconds:0} ms; every connection the helper drops is reconnected at once, so the crowd never shrinks for long.");
        sb.AppendLine();
        sb.AppendLine("| Phase | Quotes | Errors | p50 (ms) | p99 (ms) | max (ms) | Quotes/s achieved | Helper RSS (MiB) | Helper fds |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        void Row(string name, Phase phase, ProcessSample sample) => sb.AppendLine(CultureInfo.InvariantCulture,
            $"| {name} | {phase.Latency.Count:N0} | {phase.Errors} | {phase.Latency.Percentile(50):F2} | {phase.Latency.Percentile(99):F2} | {phase.Latency.Percentile(100):F1} | {phase.Latency.Count / phase.Elapsed.TotalSeconds:F0} | {sample.ResidentMiB:F1} | {sample.Descriptors} |");
        Row("unloaded", before, unloadedSample);
        Row($"{IdleConnections + DrippingConnections:N0} idle + dripping", loaded, crowdSample);
        Row("unloaded again", after, endSample);
        sb.AppendLine();
        sb.AppendLine(FormattableString.Invariant($"With the crowd: p50 {loaded.Latency.Percentile(50) / unloadedP50:F2}× and p99 {loaded.Latency.Percentile(99) / unloadedP99:F2}× the unloaded runs (mean of the runs before and after). "));
        sb.AppendLine(FormattableString.Invariant($"The crowd kept {crowd.MinimumOpen}–{crowd.MaximumOpen} connections open (counted every 100 ms after reconnecting the dropped ones) and reconnected {crowd.Reconnects:N0} times: the helper dropped each idle one at its 5 s deadline, the crowd came straight back. Helper counters at the end: {metrics}."));
        sb.AppendLine();
        var ok = loaded.Errors == 0 && before.Errors == 0 && after.Errors == 0;
        sb.AppendLine(ok
            ? "**Verdict:** every quote completed in every phase; the idle crowd costs the latency above and never blocks quoting (before the fix, 130 such connections blocked all quoting until the client's 15 s deadline)."
            : "**Verdict: quotes FAILED** — see the errors column.");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Reproduce: `dotnet run -c Release --project bench/Confcom.Benchmarks -- soak aesm --quotes {quotes}`.");
        return sb.ToString();
    }

    private sealed record Phase(LatencySamples Latency, int Errors, TimeSpan Elapsed);

    private sealed record CrowdStatistics(int MinimumOpen, int MaximumOpen, double MeanOpen, long Reconnects);

    /// <summary>The hostile local process: keeps its connections open, reconnecting whatever the helper drops.</summary>
    private sealed class HostileCrowd(string socketPath) : IAsyncDisposable
    {
        private readonly List<Member> _members = [];
        private readonly CancellationTokenSource _stop = new();
        private readonly List<int> _openSamples = [];
        private Task? _keeper;
        private long _reconnects;

        public async Task FillAsync(int idle, int dripping, TimeSpan dripInterval)
        {
            for (var i = 0; i < idle + dripping; i++)
            {
                var member = new Member(i >= idle, dripInterval);
                await member.ConnectAsync(socketPath, _stop.Token);
                _members.Add(member);
            }
            _keeper = Task.Run(KeepAsync);
        }

        public CrowdStatistics Statistics()
        {
            lock (_openSamples)
            {
                return _openSamples.Count == 0
                    ? new CrowdStatistics(0, 0, 0, _reconnects)
                    : new CrowdStatistics(_openSamples.Min(), _openSamples.Max(), _openSamples.Average(), Interlocked.Read(ref _reconnects));
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            if (_keeper is not null)
            {
                await _keeper;
            }
            foreach (var member in _members)
            {
                await member.DisposeAsync();
            }
            _stop.Dispose();
        }

        private async Task KeepAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                var open = 0;
                foreach (var member in _members)
                {
                    if (member.ClosedByServer())
                    {
                        Interlocked.Increment(ref _reconnects);
                        try
                        {
                            await member.ConnectAsync(socketPath, _stop.Token);
                        }
                        catch (OperationCanceledException)
                        {
                            return;
                        }
                    }
                    // Counted after the pass: what stays open while the helper is being crowded.
                    open++;
                }
                lock (_openSamples)
                {
                    _openSamples.Add(open);
                }
                try
                {
                    await Task.Delay(100, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One hostile connection: a partial frame then silence, or a byte at a time.</summary>
    private sealed class Member(bool drips, TimeSpan interval) : IAsyncDisposable
    {
        private Socket? _socket;
        private Task? _dripping;
        private CancellationTokenSource? _stopDripping;

        public async Task ConnectAsync(string path, CancellationToken cancellationToken)
        {
            await DisposeAsync();
            while (true)
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken);
                    _socket = socket;
                    break;
                }
                catch (SocketException e) when (e.SocketErrorCode is SocketError.TryAgain or SocketError.WouldBlock)
                {
                    socket.Dispose();
                    await Task.Delay(1, cancellationToken);
                }
            }
            if (drips)
            {
                _stopDripping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                _dripping = DripAsync(_socket, _stopDripping.Token);
            }
            else
            {
                await _socket.SendAsync(new byte[] { 0xe8, 0x03, 0, 0, 0x0a, 0x01, 0x00 }, SocketFlags.None, cancellationToken);
            }
        }

        public bool ClosedByServer()
        {
            var socket = _socket;
            if (socket is null)
            {
                return true;
            }
            try
            {
                return socket.Poll(0, SelectMode.SelectRead) && socket.Available == 0;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return true;
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_stopDripping is not null)
            {
                await _stopDripping.CancelAsync();
            }
            if (_dripping is not null)
            {
                await _dripping;
            }
            _stopDripping?.Dispose();
            _socket?.Dispose();
            _socket = null;
            _dripping = null;
            _stopDripping = null;
        }

        private async Task DripAsync(Socket socket, CancellationToken cancellationToken)
        {
            var frame = new byte[1004];
            frame[0] = 0xe8;
            frame[1] = 0x03;
            try
            {
                for (var i = 0; i < frame.Length; i++)
                {
                    await socket.SendAsync(frame.AsMemory(i, 1), SocketFlags.None, cancellationToken);
                    await Task.Delay(interval, cancellationToken);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }
        }
    }
}
