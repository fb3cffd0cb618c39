namespace Confcom.Benchmarks;

/// <summary>A named benchmark suite with its own harness; it measures its baseline in the same run and writes its results file.</summary>
public interface IBenchmarkSuite
{
    /// <summary>The name given on the command line, e.g. "device-plugin".</summary>
    string Name { get; }

    Task<int> RunAsync(string[] args);
}
