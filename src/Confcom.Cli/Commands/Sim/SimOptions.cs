using System.CommandLine;
using Confcom.Cli.Options;
using Confcom.Simulation.Platform;
using Confcom.Simulation.State;

namespace Confcom.Cli.Commands.Sim;

/// <summary>Options shared by the simulated-node verbs, and the one place that turns state errors into CLI errors.</summary>
internal static class SimOptions
{
    public static Option<string> StateDir() => StateDirOption.Create("the simulated node's state directory (PCK certificate, attestation key, report key)");

    public static Option<string?> SimRoot() => new("--sim-root", "--root-dir")
    {
        Description = "directory of the simulated Intel CAs, shared by the nodes of one cluster (default: <state-dir>/root, or the one the node was created with)",
    };

    public static SimulatedPlatform Open(string stateDir, string? simRoot)
    {
        try
        {
            return SimulatedPlatform.Open(stateDir, simRoot);
        }
        catch (SimulationStateException ex)
        {
            throw new CliException(ex.Message);
        }
    }

    public static SimulatedPlatform OpenOrCreate(string stateDir, string? simRoot, Microsoft.Extensions.Logging.ILoggerFactory? loggers = null)
    {
        try
        {
            return SimulatedPlatform.OpenOrCreate(stateDir, simRoot, loggers);
        }
        catch (SimulationStateException ex)
        {
            throw new CliException(ex.Message);
        }
        catch (ArgumentException ex)
        {
            throw new CliException(ex.Message);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw new CliException($"--state-dir {stateDir}: cannot create the simulated node there: {FailureText.OneLine(ex.Message).TrimEnd('.')}; pass a --state-dir you may write");
        }
    }

    /// <summary>Hex from the command line: exactly <paramref name="length"/> bytes, or at most it when <paramref name="exact"/> is false.</summary>
    public static byte[] Hex(string option, string value, int length, bool exact)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromHexString(value.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? value[2..] : value);
        }
        catch (FormatException)
        {
            throw new CliException($"{option}: '{value}' is not hex (two digits per byte)");
        }
        if (exact ? bytes.Length != length : bytes.Length > length)
        {
            throw new CliException($"{option}: {(exact ? "must be exactly" : "at most")} {length} bytes, got {bytes.Length}");
        }
        return bytes;
    }
}
