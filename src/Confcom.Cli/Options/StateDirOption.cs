using System.CommandLine;
using Confcom.Simulation.Platform;

namespace Confcom.Cli.Options;

/// <summary>
/// <c>--state-dir</c>, the simulated node's state, with one default in every verb that uses it
/// (<c>/var/lib/confcom/sim</c>, where the chart and the sample Job keep it).
/// </summary>
internal static class StateDirOption
{
    public const string Name = "--state-dir";

    public static string Default => SimulatedPlatform.DefaultStateDirectory;

    public static Option<string> Create(string description) => new(Name)
    {
        Description = description,
        DefaultValueFactory = _ => Default,
    };

    /// <summary>For daemons: also read from <c>CONFCOM_STATE_DIR</c>.</summary>
    public static Option<string> CreateForDaemon(string description) => Create(description).FromEnvironment(() => Default);
}
