using Confcom.Simulation.Platform;
using Confcom.Testing;

namespace Confcom.Simulation.Tests;

/// <summary>One simulated node (own root) in a temp directory, shared by the tests of a class.</summary>
public sealed class SimulatedNodeFixture : IDisposable
{
    private readonly TempDirectory _directory = new();

    public SimulatedNodeFixture()
    {
        Platform = SimulatedPlatform.OpenOrCreate(_directory.File("node"));
    }

    public SimulatedPlatform Platform { get; }

    public void Dispose()
    {
        Platform.Dispose();
        _directory.Dispose();
    }
}
