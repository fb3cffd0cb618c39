using Confcom.Simulation.Platform;
using Confcom.Simulation.State;
using Confcom.Testing;

namespace Confcom.Simulation.Tests.State;

/// <summary>
/// A state directory that is moved or copied keeps working: the node records its root relative to itself. State
/// written by older versions (an absolute root path) still loads, and where it cannot, the error says exactly how to
/// repair, and that repair works.
/// </summary>
public class MovedStateTests
{
    [Fact]
    public void A_moved_state_directory_with_its_own_root_keeps_working_for_every_entry_point()
    {
        using var dir = new TempDirectory();
        string serial;
        using (var created = SimulatedPlatform.OpenOrCreate(dir.File("node")))
        {
            serial = created.Node.Pck.Certificate.SerialNumber;
        }
        Directory.Move(dir.File("node"), dir.File("moved"));

        using var opened = SimulatedPlatform.Open(dir.File("moved"));
        using var init = SimulatedPlatform.OpenOrCreate(dir.File("moved"));
        Assert.Equal(serial, opened.Node.Pck.Certificate.SerialNumber);
        Assert.False(init.WasCreated);
        Assert.Equal(dir.File("moved/root"), init.Root.Directory);
    }

    [Fact]
    public void A_copied_state_directory_uses_its_own_copy_of_the_root()
    {
        using var dir = new TempDirectory();
        SimulatedPlatform.OpenOrCreate(dir.File("node")).Dispose();
        CopyDirectory(dir.File("node"), dir.File("copy"));
        Directory.Delete(dir.File("node"), recursive: true);

        using var copy = SimulatedPlatform.Open(dir.File("copy"));
        Assert.Equal(dir.File("copy/root"), copy.Root.Directory);
    }

    [Fact]
    public void A_node_and_its_shared_root_moved_together_keep_working()
    {
        using var dir = new TempDirectory();
        SimulatedPlatform.OpenOrCreate(dir.File("cluster/node-a"), dir.File("cluster/root")).Dispose();
        Assert.Equal("../root\n", File.ReadAllText(dir.File("cluster/node-a/sim-root.path")));
        Directory.Move(dir.File("cluster"), dir.File("elsewhere"));

        using var opened = SimulatedPlatform.Open(dir.File("elsewhere/node-a"));
        Assert.Equal(dir.File("elsewhere/root"), opened.Root.Directory);
    }

    [Fact]
    public void An_old_absolute_root_path_is_still_read_and_after_a_move_the_state_directory_root_is_used()
    {
        using var dir = new TempDirectory();
        SimulatedPlatform.OpenOrCreate(dir.File("node")).Dispose();
        // What versions before relative paths wrote.
        File.WriteAllText(dir.File("node/sim-root.path"), dir.File("node/root") + "\n");
        using (SimulatedPlatform.Open(dir.File("node")))
        {
        }
        Directory.Move(dir.File("node"), dir.File("moved"));

        using var moved = SimulatedPlatform.OpenOrCreate(dir.File("moved"));
        Assert.Equal(dir.File("moved/root"), moved.Root.Directory);
    }

    [Fact]
    public void A_node_moved_away_from_its_shared_root_gets_repair_advice_that_works()
    {
        using var dir = new TempDirectory();
        SimulatedPlatform.OpenOrCreate(dir.File("a/node"), dir.File("shared-root")).Dispose();
        // One level deeper, without the root: "../../shared-root" no longer leads to it.
        Directory.CreateDirectory(dir.File("b/c"));
        Directory.Move(dir.File("a/node"), dir.File("b/c/node"));

        var error = Assert.Throws<SimulationStateException>(() => SimulatedPlatform.OpenOrCreate(dir.File("b/c/node")));
        var again = Assert.Throws<SimulationStateException>(() => SimulatedPlatform.Open(dir.File("b/c/node")));

        Assert.Equal(error.Message, again.Message);
        Assert.Contains("sim-root.path", error.Message, StringComparison.Ordinal);
        Assert.Contains("--sim-root", error.Message, StringComparison.Ordinal);
        Assert.Contains("printf '%s\\n' ROOT-DIR > " + dir.File("b/c/node/sim-root.path"), error.Message, StringComparison.Ordinal);
        // Either repair works: the flag, or recording the root as the message shows.
        using (SimulatedPlatform.Open(dir.File("b/c/node"), dir.File("shared-root")))
        {
        }
        using (var shell = System.Diagnostics.Process.Start("/bin/sh", ["-c", $"printf '%s\\n' {dir.File("shared-root")} > {dir.File("b/c/node/sim-root.path")}"]))
        {
            shell.WaitForExit();
        }
        using var repaired = SimulatedPlatform.OpenOrCreate(dir.File("b/c/node"));
        Assert.False(repaired.WasCreated);
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
        foreach (var sub in Directory.GetDirectories(from))
        {
            CopyDirectory(sub, Path.Combine(to, Path.GetFileName(sub)));
        }
    }
}
