using System.Reflection;
using BenchmarkDotNet.Running;

namespace Confcom.Benchmarks;

/// <summary>
/// Entry point. <c>dotnet run -c Release --project bench/Confcom.Benchmarks -- SUITE</c> runs a custom suite
/// (an <see cref="IBenchmarkSuite"/>, for socket-throughput harnesses BenchmarkDotNet does not fit); anything
/// else goes to BenchmarkDotNet's switcher (e.g. <c>--filter '*Verifier*'</c>). Suites write bench/results/*.md.
/// </summary>
public static class BenchmarkEntryPoint
{
    public static async Task<int> Main(string[] args)
    {
        var suites = typeof(BenchmarkEntryPoint).Assembly.GetTypes()
            .Where(t => typeof(IBenchmarkSuite).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .Select(t => (IBenchmarkSuite)Activator.CreateInstance(t)!)
            .ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);

        if (args.Length > 0 && suites.TryGetValue(args[0], out var suite))
        {
            return await suite.RunAsync(args[1..]);
        }
        if (args.Length == 0)
        {
            Console.WriteLine("suites: " + string.Join(", ", suites.Keys.Order()) + " (or BenchmarkDotNet arguments, e.g. --list flat)");
            return 0;
        }
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkEntryPoint).Assembly).Run(args);
        return 0;
    }
}
