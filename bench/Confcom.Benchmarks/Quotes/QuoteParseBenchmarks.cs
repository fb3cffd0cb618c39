using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Confcom.Sgx.Quotes;

namespace Confcom.Benchmarks.Quotes;

/// <summary>
/// Parse-only cost of the two real sample quotes (SGX v3, TDX v4 with AESM padding). The baseline in each category
/// copies the same bytes once, so the ratio reads "parsing costs N copies of the quote". Short in-process runs:
/// the benchmark machine is shared.
/// Run: <c>dotnet run -c Release --project bench/Confcom.Benchmarks -- --filter '*QuoteParse*'</c>.
/// </summary>
[Config(typeof(ShortInProcessConfig))]
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class QuoteParseBenchmarks
{
    private byte[] _sgx = [];
    private byte[] _tdx = [];

    [GlobalSetup]
    public void Setup()
    {
        _sgx = File.ReadAllBytes(SampleQuotePath("sgx_quote"));
        _tdx = File.ReadAllBytes(SampleQuotePath("tdx_quote"));
    }

    [Benchmark(Baseline = true), BenchmarkCategory("SGX v3")]
    public byte[] CopySgxBytes() => _sgx.AsSpan().ToArray();

    [Benchmark, BenchmarkCategory("SGX v3")]
    public Quote ParseSgx() => Quote.Parse(_sgx);

    [Benchmark(Baseline = true), BenchmarkCategory("TDX v4")]
    public byte[] CopyTdxBytes() => _tdx.AsSpan().ToArray();

    [Benchmark, BenchmarkCategory("TDX v4")]
    public Quote ParseTdx() => Quote.Parse(_tdx, allowZeroPadding: true);

    private static string SampleQuotePath(string name)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tests", "testdata", "quotes", name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        throw new FileNotFoundException($"sample quote '{name}' not found under any tests/testdata/quotes above the working directory");
    }

    /// <summary>ShortRun (3 warm-ups, 3 iterations) in-process, so no per-benchmark project build on a busy machine.</summary>
    private sealed class ShortInProcessConfig : ManualConfig
    {
        public ShortInProcessConfig() => AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
    }
}
