using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Confcom.Attestation.Collateral;
using Confcom.Attestation.Verification;
using Confcom.Sgx.Quotes;
using Confcom.TestData;
using Confcom.Sgx.Collateral;

namespace Confcom.Benchmarks.Verification;

/// <summary>
/// <c>dotnet run -c Release --project bench/Confcom.Benchmarks -- verifier</c>: verifications per second of the real
/// SGX v3 sample with a warm collateral cache, against the raw crypto floor measured in the same run (the two ECDSA
/// P-256 verifications a warm verification must do, plus importing the attestation key), parse-only and cold
/// (empty cache) rates. Writes bench/results/verifier.md.
/// </summary>
public sealed class VerifierBenchmarkSuite : IBenchmarkSuite
{
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeSeconds(1752919277);

    public string Name => "verifier";

    public Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 2.0;
        var quoteBytes = File.ReadAllBytes(SampleQuoteFiles.Path("sgx_quote"));
        var collateral = QuoteCollateral.Load(SampleQuoteFiles.Path("sgx_quote_collateral.json"));
        var quote = Quote.Parse(quoteBytes);
        var pck = X509Certificate2.CreateFromPem(quote.PckCertificateChainPem!);
        using var pckKey = pck.GetECDsaPublicKey()!;

        var verifier = new QuoteVerifier();
        var check = verifier.Verify(quoteBytes, collateral, At);
        if (check.Status != QuoteVerificationStatus.ConfigAndSwHardeningNeeded)
        {
            Console.Error.WriteLine($"sample did not verify as expected: {check.StatusName} {check.FailureMessage}");
            return Task.FromResult(1);
        }

        var tampered = (byte[])quoteBytes.Clone();
        tampered[48 + 64] ^= 1;
        var variants = new (string Name, Func<object> Action)[]
        {
            ("raw crypto floor (import key + 2 ECDSA verifies + SHA-256)", () => CryptoFloor(quote, pckKey)),
            ("verify, warm cache (bytes in, parse included)", () => verifier.Verify(quoteBytes, collateral, At)),
            ("reject tampered body, warm cache (ISV signature fails)", () => verifier.Verify(tampered, collateral, At)),
            ("parse only (Quote.Parse)", () => Quote.Parse(quoteBytes)),
            ("verify, cold (new verifier: chains, CRLs, collateral signatures)", () => new QuoteVerifier().Verify(quoteBytes, collateral, At)),
        };
        // The machine is shared and its load moves by factors of several within seconds: measuring the variants one
        // after another would compare different loads. Interleave short slices and sum, so every variant sees the
        // same mix of load and the ratios are fair.
        const int Rounds = 40;
        var slice = seconds / Rounds;
        var operations = new long[variants.Length];
        var elapsed = new double[variants.Length];
        foreach (var variant in variants)
        {
            Measure(0.05, variant.Action, out _, out _);
        }
        for (var round = 0; round < Rounds; round++)
        {
            for (var v = 0; v < variants.Length; v++)
            {
                Measure(slice, variants[v].Action, out var n, out var time);
                operations[v] += n;
                elapsed[v] += time;
            }
        }
        var best = variants.Select((variant, v) => (variant.Name, PerSecond: operations[v] / elapsed[v])).ToList();
        var floor = best[0].PerSecond;

        var report = new StringBuilder();
        report.AppendLine("# Quote verifier benchmark");
        report.AppendLine();
        report.AppendLine($"Machine: {MachineDescription.Markdown()}. **Shared machine**: two cores used by six engineers building and testing at the same time, so absolute numbers are noisy; the ratios are measured in the same run and are the figures to read.");
        report.AppendLine();
        report.AppendLine($"Input: the real SGX v3 sample (tests/testdata/quotes/sgx_quote, {quoteBytes.Length} bytes) with its collateral at 2025-07-19T10:01:17Z. Stopwatch harness, single thread, {seconds:0.#} s per variant in {Rounds} interleaved slices.");
        report.AppendLine();
        report.AppendLine("| measurement | ops/s | µs/op | vs. crypto floor |");
        report.AppendLine("|---|---:|---:|---:|");
        foreach (var (name, perSecond) in best)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {perSecond:0} | {1e6 / perSecond:0.0} | {perSecond / floor:P0} |");
        }
        report.AppendLine();
        report.AppendLine("The crypto floor is what any verifier must spend per quote once collateral is verified: import the quote's attestation key, verify the ISV signature and the QE report signature (PCK key already loaded), hash the key binding. Target: warm verification ≥ 50% of the floor.");
        var path = Path.Combine(MachineDescription.ResultsDirectory(), "verifier.md");
        File.WriteAllText(path, report.ToString());
        Console.WriteLine(report);
        Console.WriteLine($"written to {path}");
        return Task.FromResult(0);
    }

    private static bool CryptoFloor(Quote quote, ECDsa pckKey)
    {
        var key = quote.Signature.AttestationPublicKey.Span;
        using var attestation = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = key[..32].ToArray(), Y = key[32..].ToArray() },
        });
        var qe = quote.Signature.QeReportCertificationData;
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(key, hash);
        return attestation.VerifyData(quote.SignedRegion.Span, quote.Signature.IsvSignature.Span, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
            & pckKey.VerifyData(qe.QeReport.Bytes, qe.QeReportSignature.Span, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    private static void Measure(double seconds, Func<object> action, out long operations, out double elapsed)
    {
        var stopwatch = Stopwatch.StartNew();
        operations = 0;
        while (stopwatch.Elapsed.TotalSeconds < seconds)
        {
            for (var i = 0; i < 10; i++)
            {
                action();
            }
            operations += 10;
        }
        elapsed = stopwatch.Elapsed.TotalSeconds;
    }
}
