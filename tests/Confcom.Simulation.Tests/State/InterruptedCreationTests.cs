using Confcom.Simulation.Platform;
using Confcom.Simulation.State;
using Confcom.Testing;

namespace Confcom.Simulation.Tests.State;

/// <summary>
/// A first start killed at any moment must not leave state that every later start refuses (a crash-looping DaemonSet).
/// Every durable step of creating a node and its root is a crash point: the run is stopped there (as a kill would:
/// nothing after the step runs, no cleanup), then the next start must succeed, keep every file that was already
/// published byte for byte, and later starts must load that same identity. Real processes are killed the same way in
/// the CLI tests (SimInitKillTests).
/// </summary>
public class InterruptedCreationTests
{
    [Fact]
    public void A_first_start_stopped_at_any_step_is_finished_by_the_next_start_without_replacing_a_published_file()
    {
        var steps = CountSteps();
        Assert.True(steps >= 20, $"only {steps} steps seen");
        for (var crashAt = 1; crashAt <= steps; crashAt++)
        {
            using var dir = new TempDirectory();
            var node = dir.File("node");
            Assert.Throws<SimulatedCrash>(() => RunWithCrashAt(crashAt, () => SimulatedPlatform.OpenOrCreate(node).Dispose()));
            var published = Published(node);

            string serial;
            using (var finished = SimulatedPlatform.OpenOrCreate(node))
            {
                // Stopped after its very last step, the first run had finished: then this one only loads.
                Assert.Equal(crashAt < steps, finished.WasCreated);
                serial = finished.Node.Pck.Certificate.SerialNumber;
            }

            foreach (var (file, content) in published)
            {
                Assert.True(File.Exists(Path.Combine(node, file)), $"crash at step {crashAt}: {file} disappeared");
                Assert.True(content.AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(node, file))), $"crash at step {crashAt}: {file} was replaced");
            }
            Assert.False(Directory.Exists(Path.Combine(node, StagedCreation.StagingFolderName)), $"crash at step {crashAt}: staging left behind");
            Assert.False(Directory.Exists(Path.Combine(node, "root", StagedCreation.StagingFolderName)), $"crash at step {crashAt}: root staging left behind");
            using var again = SimulatedPlatform.OpenOrCreate(node);
            Assert.False(again.WasCreated);
            Assert.Equal(serial, again.Node.Pck.Certificate.SerialNumber);
        }
    }

    [Fact]
    public void Verbs_other_than_init_say_to_run_init_to_finish_an_interrupted_creation()
    {
        using var dir = new TempDirectory();
        var node = dir.File("node");
        Assert.Throws<SimulatedCrash>(() => RunWithCrashAt(CountSteps() - 3, () => SimulatedPlatform.OpenOrCreate(node).Dispose()));

        var error = Assert.Throws<SimulationStateException>(() => SimulatedPlatform.Open(node));

        Assert.Contains("interrupted", error.Message, StringComparison.Ordinal);
        Assert.Contains($"confcom sim init --state-dir {node}", error.Message, StringComparison.Ordinal);
        using var finished = SimulatedPlatform.OpenOrCreate(node);
        using var opened = SimulatedPlatform.Open(node);
        Assert.Equal(finished.Node.Pck.Certificate.SerialNumber, opened.Node.Pck.Certificate.SerialNumber);
    }

    [Fact]
    public void A_partial_identity_left_by_an_older_version_is_refused_with_advice_that_works()
    {
        using var dir = new TempDirectory();
        var node = dir.File("node");
        using (SimulatedPlatform.OpenOrCreate(node))
        {
        }
        // What an older confcom killed before its last write left: everything but platform.json, no staging.
        File.Delete(Path.Combine(node, "platform.json"));
        File.Delete(Path.Combine(node, "sim-root.path"));
        var keyBefore = File.ReadAllBytes(Path.Combine(node, "attestation-key.pem"));

        var error = Assert.Throws<SimulationStateException>(() => SimulatedPlatform.OpenOrCreate(node));
        Assert.Contains("platform.json", error.Message, StringComparison.Ordinal);
        Assert.Contains($"mkdir {node}.partial && mv ", error.Message, StringComparison.Ordinal);
        Assert.Equal(keyBefore, File.ReadAllBytes(Path.Combine(node, "attestation-key.pem")));

        // Follow the advice exactly as printed.
        var command = error.Message[error.Message.IndexOf("mkdir ", StringComparison.Ordinal)..];
        command = command[..command.IndexOf(')', StringComparison.Ordinal)];
        using (var shell = System.Diagnostics.Process.Start("/bin/sh", ["-c", command]))
        {
            shell.WaitForExit();
            Assert.Equal(0, shell.ExitCode);
        }
        using var created = SimulatedPlatform.OpenOrCreate(node);
        Assert.True(created.WasCreated);
        Assert.Equal(keyBefore, File.ReadAllBytes(Path.Combine(node + ".partial", "attestation-key.pem")));
    }

    [Fact]
    public void A_file_put_where_a_staged_file_is_published_is_not_overwritten()
    {
        using var dir = new TempDirectory();
        var node = dir.File("node");
        // Stop right after the node's staged set is complete, before anything of it is published.
        var builtAt = StepOf(s => s.Contains("node", StringComparison.Ordinal) && s.EndsWith(".built", StringComparison.Ordinal));
        Assert.Throws<SimulatedCrash>(() => RunWithCrashAt(builtAt, () => SimulatedPlatform.OpenOrCreate(node).Dispose()));
        File.WriteAllText(Path.Combine(node, "pck-key.pem"), "someone else's file\n");

        var error = Assert.Throws<SimulationStateException>(() => SimulatedPlatform.OpenOrCreate(node));

        Assert.Contains("pck-key.pem", error.Message, StringComparison.Ordinal);
        Assert.Equal("someone else's file\n", File.ReadAllText(Path.Combine(node, "pck-key.pem")));
    }

    private static int CountSteps()
    {
        using var dir = new TempDirectory();
        var count = 0;
        StateFaultInjection.Observer.Value = _ => count++;
        try
        {
            SimulatedPlatform.OpenOrCreate(dir.File("node")).Dispose();
        }
        finally
        {
            StateFaultInjection.Observer.Value = null;
        }
        return count;
    }

    private static int StepOf(Func<string, bool> match)
    {
        using var dir = new TempDirectory();
        var steps = new List<string>();
        StateFaultInjection.Observer.Value = steps.Add;
        try
        {
            SimulatedPlatform.OpenOrCreate(dir.File("node")).Dispose();
        }
        finally
        {
            StateFaultInjection.Observer.Value = null;
        }
        return steps.FindIndex(s => match(s.Replace(dir.Path, "", StringComparison.Ordinal))) + 1;
    }

    private static void RunWithCrashAt(int step, Action action)
    {
        var count = 0;
        StateFaultInjection.Observer.Value = what =>
        {
            if (++count == step)
            {
                throw new SimulatedCrash(what);
            }
        };
        try
        {
            action();
        }
        finally
        {
            StateFaultInjection.Observer.Value = null;
        }
    }

    /// <summary>Every file outside the staging folders and the lock files, with its bytes.</summary>
    private static Dictionary<string, byte[]> Published(string root) =>
        Directory.Exists(root)
            ? Directory.GetFiles(root, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(root, f))
                .Where(f => !f.Split('/').Contains(StagedCreation.StagingFolderName) && !f.EndsWith(".lock", StringComparison.Ordinal))
                .ToDictionary(f => f, f => File.ReadAllBytes(Path.Combine(root, f)))
            : [];

    private sealed class SimulatedCrash(string step) : Exception($"simulated crash after {step}");
}
