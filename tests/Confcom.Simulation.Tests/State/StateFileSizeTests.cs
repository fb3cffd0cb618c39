using Confcom.Simulation.Platform;
using Confcom.Simulation.State;
using Confcom.Testing;

namespace Confcom.Simulation.Tests.State;

/// <summary>Every state file is read with a cap: a huge file or a device in its place is refused while reading.</summary>
public class StateFileSizeTests
{
    [Theory]
    [InlineData("platform.json")]
    [InlineData("pck-cert.pem")]
    [InlineData("sim-root.path")]
    [InlineData("root/root-ca.pem")]
    public void A_state_file_far_larger_than_any_state_file_is_refused_naming_it(string file)
    {
        using var dir = new TempDirectory();
        SimulatedPlatform.OpenOrCreate(dir.File("node")).Dispose();
        var path = Path.Combine(dir.File("node"), file);
        using (var stream = File.OpenWrite(path))
        {
            stream.SetLength(2 * 1024 * 1024);
        }

        var error = Assert.Throws<SimulationStateException>(() => SimulatedPlatform.Open(dir.File("node")));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("larger than 65,536 bytes", error.Message, StringComparison.Ordinal);
        Assert.Equal(2 * 1024 * 1024, new FileInfo(path).Length);
    }

    [Fact]
    public void Dev_zero_linked_in_place_of_a_key_is_refused_at_the_cap()
    {
        using var dir = new TempDirectory();
        SimulatedPlatform.OpenOrCreate(dir.File("node")).Dispose();
        var path = Path.Combine(dir.File("node"), "attestation-key.pem");
        File.Move(path, path + ".saved");
        File.CreateSymbolicLink(path, "/dev/zero");

        var error = Assert.Throws<SimulationStateException>(() => SimulatedPlatform.Open(dir.File("node")));

        Assert.Contains("attestation-key.pem", error.Message, StringComparison.Ordinal);
        Assert.Contains("larger than", error.Message, StringComparison.Ordinal);
    }
}
