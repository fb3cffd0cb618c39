using System.Globalization;

namespace Confcom.Benchmarks.Soak;

/// <summary>
/// <c>dotnet run -c Release --project bench/Confcom.Benchmarks -- soak [kubelet|aesm|webhook|all] [--restarts N]
/// [--quotes N] [--admissions N]</c>: the bounded hostile-node soaks of issue 8 (defaults 10,000 each), each against a
/// real <c>confcom</c> daemon process; results in bench/results/soak.md. Not part of <c>dotnet test</c>.
/// </summary>
public sealed class SoakSuite : IBenchmarkSuite
{
    public string Name => "soak";

    public async Task<int> RunAsync(string[] args)
    {
        var part = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "all";
        var restarts = Option(args, "--restarts", 10_000);
        var quotes = Option(args, "--quotes", 10_000);
        var admissions = Option(args, "--admissions", 10_000);
        if (part is "kubelet" or "all")
        {
            await KubeletRestartSoak.RunAsync(restarts);
        }
        if (part is "aesm" or "all")
        {
            await IdleCrowdSoak.RunAsync(quotes);
        }
        if (part is "webhook" or "all")
        {
            await CertificateRotationSoak.RunAsync(admissions);
        }
        if (part is not ("kubelet" or "aesm" or "webhook" or "all"))
        {
            Console.Error.WriteLine($"soak: unknown part '{part}'; use kubelet, aesm, webhook or all");
            return 2;
        }
        return 0;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
