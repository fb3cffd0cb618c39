using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Confcom.Sgx.Quotes;
using Confcom.TestData;

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
        _sgx = File.ReadAllBytes(SampleQuoteFiles.Path("sgx_quote"));
        _tdx = File.ReadAllBytes(SampleQuoteFiles.Path("tdx_quote"));
    }

    [Benchmark(Baseline = true), BenchmarkCategory("SGX v3")]
    public byte[] CopySgxBytes() => _sgx.AsSpan().ToArray();

    [Benchmark, BenchmarkCategory("SGX v3")]
    public Quote ParseSgx() => Quote.Parse(_sgx);

    [Benchmark(Baseline = true), BenchmarkCategory("TDX v4")]
    public byte[] CopyTdxBytes() => _tdx.AsSpan().ToArray();

    [Benchmark, BenchmarkCategory("TDX v4")]
    public Quote ParseTdx() => Quote.Parse(_tdx, allowZeroPadding: true);

    /// <summary>ShortRun (3 warm-ups, 3 iterations) in-process, so no per-benchmark project build on a busy machine.</summary>
    private sealed class ShortInProcessConfig : ManualConfig
    {
        public ShortInProcessConfig() => AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
    }
}
