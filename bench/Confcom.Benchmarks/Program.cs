using BenchmarkDotNet.Running;

namespace Confcom.Benchmarks;

/// <summary>Entry point: each suite writes its report to bench/results/&lt;suite&gt;.md; see bench/README.md.</summary>
public static class BenchmarkEntryPoint
{
    public static void Main(string[] args) =>
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkEntryPoint).Assembly).Run(args);
}
