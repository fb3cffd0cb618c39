using System.Globalization;

namespace Confcom.Benchmarks.Footprint;

/// <summary>The footprint suite's command line.</summary>
internal sealed class FootprintSettings
{
    public List<DaemonBuild> Builds { get; } = [];

    public int Runs { get; private set; } = 5;

    public TimeSpan Idle { get; private set; } = TimeSpan.FromSeconds(10);

    public string? Qvl { get; private set; }

    /// <summary>/metrics scrapes (each with a /healthz probe) before the idle wait.</summary>
    public int Scrapes { get; private set; } = 50;

    public string? Output { get; private set; }

    /// <summary>Where to copy each idle daemon's /proc/PID/smaps (<c>--smaps DIR</c>).</summary>
    public string? SmapsDirectory { get; private set; }

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Only { get; } = new(StringComparer.Ordinal);

    /// <summary>The simulated identity the quote-helper runs share, created by the first run.</summary>
    public string? QuoteHelperState { get; set; }

    public bool Includes(string part) => Only.Count == 0 || Only.Contains(part);

    /// <summary>A second build of the same kind (comparing two AOT variants) is told apart by a number.</summary>
    private void Add(DaemonBuild build)
    {
        var same = Builds.Count(b => b.Name.StartsWith(build.Name, StringComparison.Ordinal));
        Builds.Add(same == 0 ? build : build with { Name = $"{build.Name}#{same + 1}" });
    }

    public static FootprintSettings Parse(string[] args)
    {
        var settings = new FootprintSettings();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            switch (args[i])
            {
                case "--jit": settings.Add(DaemonBuild.Jit(Path.GetFullPath(value))); break;
                case "--aot": settings.Add(DaemonBuild.Aot(Path.GetFullPath(value))); break;
                case "--qvl": settings.Qvl = Path.GetFullPath(value); break;
                case "--runs": settings.Runs = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--idle": settings.Idle = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)); break;
                case "--scrapes": settings.Scrapes = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--out": settings.Output = Path.GetFullPath(value); break;
                case "--smaps": settings.SmapsDirectory = Path.GetFullPath(value); break;
                case "--only": settings.Only.Add(value); break;
                case "--env":
                    var pair = value.Split('=', 2);
                    settings.Environment[pair[0]] = pair.Length == 2 ? pair[1] : "";
                    break;
                default: throw new ArgumentException($"unknown footprint option {args[i]} (see the suite's summary)");
            }
        }
        if (settings.Builds.Count == 0)
        {
            throw new ArgumentException("give --jit DIR/confcom.dll and/or --aot DIR/confcom");
        }
        return settings;
    }
}
