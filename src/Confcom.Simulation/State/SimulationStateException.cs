namespace Confcom.Simulation.State;

/// <summary>
/// A persisted simulation file is missing, unreadable or inconsistent. The message names the file and what to do;
/// the file itself is left where it is so that the identity it holds is never lost.
/// </summary>
public sealed class SimulationStateException : Exception
{
    public SimulationStateException(string path, string problem, Exception? inner = null)
        : base($"simulated SGX state file {path}: {problem}", inner)
    {
        Path = path;
    }

    public string Path { get; }
}
