using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Confcom.Benchmarks.Client;
using Confcom.Testing;

namespace Confcom.Benchmarks.Soak;

/// <summary>
/// Soak (c): a real <c>confcom webhook</c> process answers N AdmissionReviews over HTTPS, every one on a new TLS
/// connection (the worst case: a handshake per admission), while its key pair is rotated every N/10 admissions the way
/// cert-manager's renewal reaches a pod (a new leaf under a new CA, swapped into the secret volume's <c>..data</c> link
/// in one rename). Clients trust every CA issued so far (an API server whose caBundle moved on is served only once the
/// webhook presents the new pair); no admission may fail, and each rotation's new pair must reach new connections.
/// </summary>
internal static class CertificateRotationSoak
{
    private const int Callers = 4;
    private const int Rotations = 10;

    /// <summary>The reload check runs at most once a second per handshake; an older pair after this is a miss.</summary>
    private static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(2);

    public static async Task RunAsync(int admissions)
    {
        var root = Path.Combine("/tmp", "cc-soak-" + Guid.NewGuid().ToString("N")[..8]);
        var load = MachineDescription.LoadAverage();
        var trusted = new ConcurrentBag<X509Certificate2>();
        try
        {
            var volume = new SecretVolumeWriter(Path.Combine(root, "tls"));
            var (ca, leaf) = Issue(0);
            trusted.Add(ca);
            volume.Publish(leaf);
            var port = FreePort();
            using var webhook = ConfcomChild.Start("webhook", "--listen", $"https://127.0.0.1:{port}",
                "--tls-cert", volume.CertificatePath, "--tls-key", volume.KeyPath);
            var address = new Uri($"https://127.0.0.1:{port}");
            await WaitUntilServingAsync(address, trusted, webhook);
            var start = webhook.Sample();

            var latency = new LatencySamples("admission");
            var failures = new ConcurrentQueue<string>();
            var presented = new ConcurrentQueue<(long Index, string Thumbprint, TimeSpan Started)>();
            var leaves = new List<(long RotatedAt, string Thumbprint, TimeSpan RotatedAtTime)> { (0, leaf.Thumbprint, TimeSpan.Zero) };
            long issued = 0;
            var clock = Stopwatch.StartNew();
            var perRotation = admissions / Rotations;
            var rotator = Task.Run(async () =>
            {
                for (var r = 1; r < Rotations; r++)
                {
                    while (Interlocked.Read(ref issued) < r * perRotation && failures.IsEmpty)
                    {
                        await Task.Delay(1);
                    }
                    var (nextCa, nextLeaf) = Issue(r);
                    trusted.Add(nextCa);
                    volume.Publish(nextLeaf);
                    lock (leaves)
                    {
                        leaves.Add((Interlocked.Read(ref issued), nextLeaf.Thumbprint, clock.Elapsed));
                    }
                }
            });
            var lockLatency = new Lock();
            await Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => Task.Run(async () =>
            {
                long index;
                while ((index = Interlocked.Increment(ref issued)) <= admissions)
                {
                    var begin = Stopwatch.GetTimestamp();
                    var startedAt = clock.Elapsed;
                    var (ok, thumbprint, detail) = await AdmitAsync(address, trusted);
                    var elapsed = Stopwatch.GetElapsedTime(begin);
                    if (ok)
                    {
                        lock (lockLatency)
                        {
                            latency.Add(elapsed);
                        }
                        presented.Enqueue((index, thumbprint!, startedAt));
                    }
                    else
                    {
                        failures.Enqueue($"admission {index}: {detail}");
                    }
                }
            })));
            await rotator;
            var end = webhook.Sample();
            await webhook.StopAsync();

            // For each rotation: how long until a new connection got the new pair (the webhook looks at most once a
            // second), and whether any admission that started well after a rotation still got an older pair.
            var order = presented.OrderBy(p => p.Started).ToList();
            var pickUp = new List<(int Rotation, TimeSpan? Delay)>();
            for (var r = 1; r < leaves.Count; r++)
            {
                var first = order.FirstOrDefault(p => p.Thumbprint == leaves[r].Thumbprint);
                pickUp.Add((r, first.Thumbprint is null ? null : first.Started - leaves[r].RotatedAtTime));
            }
            var stale = order.Count(p =>
            {
                var current = leaves.FindLastIndex(l => l.RotatedAtTime + StaleAfter < p.Started);
                var shown = leaves.FindIndex(l => l.Thumbprint == p.Thumbprint);
                return current >= 0 && shown < current;
            });
            SoakResults.Write("webhook", Markdown(admissions, latency, failures, pickUp, stale, start, end, clock.Elapsed, load, MachineDescription.LoadAverage()));
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

    private static (X509Certificate2 Ca, X509Certificate2 Leaf) Issue(int generation)
    {
        var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest($"CN=soak CA {generation}", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=confcom-webhook.kube-system.svc", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        var leaf = request.Create(ca, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(12), RandomNumberGenerator.GetBytes(8)).CopyWithPrivateKey(key);
        return (ca, leaf);
    }

    private static bool Trusts(IEnumerable<X509Certificate2> authorities, X509Certificate2? presented)
    {
        if (presented is null)
        {
            return false;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities.ToArray());
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(presented);
    }

    private static Task<(bool Ok, string? Thumbprint, string? Detail)> AdmitAsync(Uri address, IEnumerable<X509Certificate2> trusted) =>
        AdmissionOverTls.PostOnNewConnectionAsync(address, "/mutate", Review, presented => Trusts(trusted, presented));

    private static async Task WaitUntilServingAsync(Uri address, IEnumerable<X509Certificate2> trusted, ConfcomChild webhook)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (!(await AdmitAsync(address, trusted)).Ok)
        {
            webhook.ThrowIfExited();
            await Task.Delay(100, deadline.Token);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private const string Review = """
        {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"705ab4f5-6393-11e8-b7cc-42010a800002",
         "kind":{"group":"","version":"v1","kind":"Pod"},"operation":"CREATE","namespace":"default","name":"attest",
         "object":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"attest"},
          "spec":{"containers":[{"name":"app","image":"a","resources":{"limits":{"kubernetes.azure.com/sgx_epc_mem_in_MiB":"10"}}}]}}}}
        """;

    private static string Markdown(int admissions, LatencySamples latency, ConcurrentQueue<string> failures, List<(int Rotation, TimeSpan? Delay)> pickUp,
        int stale, ProcessSample start, ProcessSample end, TimeSpan elapsed, string loadBefore, string loadAfter)
    {
        var sb = new StringBuilder();
        sb.AppendLine("## (c) Webhook certificate rotation during admissions");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Machine: {MachineDescription.Markdown()}; load average {loadBefore} at the start, {loadAfter} at the end.");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"A separate `confcom webhook` process; {admissions:N0} AdmissionReviews (a pod requesting EPC, answered with a JSONPatch) by {Callers} concurrent callers, **each on a new TLS connection**; the key pair rotated {Rotations - 1} times (every {admissions / Rotations:N0} admissions: a new leaf under a new CA, swapped into a kubelet-style secret volume in one rename). {elapsed.TotalSeconds:F0} s in all.");
        sb.AppendLine();
        sb.AppendLine("| Admissions | Failed | p50 (ms) | p99 (ms) | Webhook RSS start → end (MiB) | fds start → end |");
        sb.AppendLine("|---:|---:|---:|---:|---:|---:|");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| {latency.Count:N0} | {failures.Count} | {latency.Percentile(50):F1} | {latency.Percentile(99):F1} | {start.ResidentMiB:F1} → {end.ResidentMiB:F1} | {start.Descriptors} → {end.Descriptors} |");
        sb.AppendLine();
        sb.AppendLine("Time from each rotation until a new connection was first presented the new pair: " +
            string.Join(", ", pickUp.Select(p => p.Delay is { } d ? FormattableString.Invariant($"#{p.Rotation} {d.TotalMilliseconds:0} ms") : $"#{p.Rotation} never (replaced before it was looked at)")) + ".");
        sb.AppendLine(CultureInfo.InvariantCulture, $"Admissions that started more than {StaleAfter.TotalSeconds:0} s after a rotation and still got an older pair: {stale}.");
        sb.AppendLine();
        foreach (var failure in failures.Take(5))
        {
            sb.AppendLine("- " + failure);
        }
        sb.AppendLine(failures.IsEmpty && stale == 0 && pickUp.All(p => p.Delay is not null)
            ? "**Verdict:** no admission failed, and every rotated pair reached new connections without a restart."
            : "**Verdict: FAILED** — see above.");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Reproduce: `dotnet run -c Release --project bench/Confcom.Benchmarks -- soak webhook --admissions {admissions}`.");
        return sb.ToString();
    }

    /// <summary>A kubelet-style secret volume (data folder, <c>..data</c> link swapped in one rename, file links through it).</summary>
    private sealed class SecretVolumeWriter
    {
        private readonly string _path;
        private int _generation;

        public SecretVolumeWriter(string path)
        {
            _path = path;
            Directory.CreateDirectory(path);
        }

        public string CertificatePath => Path.Combine(_path, "tls.crt");

        public string KeyPath => Path.Combine(_path, "tls.key");

        public void Publish(X509Certificate2 leaf)
        {
            var folder = Path.Combine(_path, $"..{_generation++:000}");
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "tls.crt"), leaf.ExportCertificatePem() + "\n");
            using (var key = leaf.GetECDsaPrivateKey()!)
            {
                File.WriteAllText(Path.Combine(folder, "tls.key"), key.ExportPkcs8PrivateKeyPem());
            }
            var next = Path.Combine(_path, "..data_tmp");
            File.CreateSymbolicLink(next, Path.GetFileName(folder));
            using (var mv = Process.Start("mv", ["-T", "-f", next, Path.Combine(_path, "..data")]))
            {
                mv.WaitForExit();
            }
            foreach (var name in new[] { "tls.crt", "tls.key" })
            {
                if (!File.Exists(Path.Combine(_path, name)))
                {
                    File.CreateSymbolicLink(Path.Combine(_path, name), Path.Combine("..data", name));
                }
            }
        }
    }
}
