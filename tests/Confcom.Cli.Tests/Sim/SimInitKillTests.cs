using System.Diagnostics;
using System.Text.Json;
using Confcom.Aesm.Client;
using Confcom.Cli.Tests.Support;
using Confcom.Testing;

namespace Confcom.Cli.Tests.Sim;

/// <summary>
/// A real <c>confcom sim init</c> (and a quote helper's first start, which creates the same state) killed with SIGKILL
/// while it creates the simulated node: the next start must succeed, and later ones load that identity. Two ways to
/// hit the window: the test-only CONFCOM_TEST_KILL_AT_STATE_STEP, which makes the process kill itself at an exact
/// durable step (every step is covered in-process by InterruptedCreationTests; here a spread of them), and plain
/// SIGKILLs at random moments once the state directory appears.
/// </summary>
public sealed class SimInitKillTests
{
    private const string KillAtStep = "CONFCOM_TEST_KILL_AT_STATE_STEP";

    [Theory]
    [InlineData(2)]     // in the root's staging
    [InlineData(7)]     // the root built, nothing published
    [InlineData(8)]     // the first root file published
    [InlineData(11)]    // half the root published
    [InlineData(15)]    // the root finished, the node's staging begun
    [InlineData(22)]    // the node built, nothing published
    [InlineData(27)]    // half the node published
    [InlineData(29)]    // platform.json published, staging not yet removed
    public async Task Sim_init_killed_at_a_step_is_finished_by_the_next_sim_init(int step)
    {
        using var dir = new TempDirectory();
        var node = dir.File("node");
        var killed = await ConfcomProcess.RunAsync(new Dictionary<string, string?> { [KillAtStep] = step.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ConfcomProcess.DefaultSafetyNet, "sim", "init", "--state-dir", node, "--json");
        Assert.True(killed.ExitCode == 137, $"expected SIGKILL at step {step}: {killed}");

        await AssertNextStartsSucceedAsync(node);
    }

    [Fact]
    public async Task Sim_init_killed_at_random_moments_never_leaves_state_the_next_start_refuses()
    {
        var random = new Random(8);
        var hits = 0;
        for (var run = 0; run < 6; run++)
        {
            using var dir = new TempDirectory();
            var node = dir.File("node");
            using (var init = ConfcomProcess.Start("sim", "init", "--state-dir", node))
            {
                // Wait until the first key is on disk (the creation is under way), then kill within a few ms.
                var watch = Stopwatch.StartNew();
                while (!AnyKeyWritten(node) && !init.HasExited && watch.Elapsed < ConfcomProcess.DefaultSafetyNet)
                {
                    await Task.Delay(1);
                }
                await Task.Delay(random.Next(0, 6));
                if (!init.HasExited)
                {
                    await init.KillAsync();
                    hits++;
                }
            }
            await AssertNextStartsSucceedAsync(node);
        }
        Assert.True(hits > 0, "no run was killed before it finished");
    }

    [Fact]
    public async Task A_quote_helper_killed_during_its_first_start_serves_after_a_restart()
    {
        using var dir = new TempDirectory();
        var node = dir.File("state");
        var socket = dir.File("aesm.socket");
        string[] arguments = ["quote-helper", "--backend", "simulated", "--state-dir", node, "--socket", socket];
        var environment = new Dictionary<string, string?> { ["SGX_AESM_ADDR"] = null, [KillAtStep] = "24" };
        var killed = await ConfcomProcess.RunAsync(environment, ConfcomProcess.DefaultSafetyNet, arguments);
        Assert.True(killed.ExitCode == 137, killed.ToString());

        using var helper = ConfcomProcess.Start(ConfcomProcess.WithoutAesmAddr, arguments);
        using var deadline = new CancellationTokenSource(ConfcomProcess.DefaultSafetyNet);
        while (true)
        {
            Assert.False(helper.HasExited, helper.StandardError);
            try
            {
                if ((await new AesmClient(socket, TimeSpan.FromSeconds(10)).GetSupportedAttKeyIdNumAsync(deadline.Token)).ErrorCode == 0)
                {
                    break;
                }
            }
            catch (AesmTransportException)
            {
            }
            await Task.Delay(50, deadline.Token);
        }
        Assert.Equal(0, await helper.TerminateAsync());
    }

    [Fact]
    public async Task Sim_init_and_the_verbs_work_on_a_moved_state_directory()
    {
        using var dir = new TempDirectory();
        var created = await ConfcomProcess.RunAsync("sim", "init", "--state-dir", dir.File("node"), "--json");
        Assert.True(created.ExitCode == 0, created.ToString());
        Directory.Move(dir.File("node"), dir.File("moved"));

        var init = await ConfcomProcess.RunAsync("sim", "init", "--state-dir", dir.File("moved"), "--json");
        var report = await ConfcomProcess.RunAsync("sim", "report", "--state-dir", dir.File("moved"), "--report-data", "00", "--out", dir.File("r.bin"));

        Assert.True(init.ExitCode == 0, init.ToString());
        Assert.True(report.ExitCode == 0, report.ToString());
        using var before = JsonDocument.Parse(created.StandardOutput);
        using var after = JsonDocument.Parse(init.StandardOutput);
        Assert.Equal("loaded", after.RootElement.GetProperty("status").GetString());
        Assert.Equal(before.RootElement.GetProperty("pckSerial").GetString(), after.RootElement.GetProperty("pckSerial").GetString());
    }

    private static bool AnyKeyWritten(string node)
    {
        try
        {
            return Directory.Exists(node) && Directory.EnumerateFiles(node, "*.pem", SearchOption.AllDirectories).Any();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A staging folder renamed or removed while it is listed.
            return false;
        }
    }

    private static async Task AssertNextStartsSucceedAsync(string node)
    {
        var next = await ConfcomProcess.RunAsync("sim", "init", "--state-dir", node, "--json");
        Assert.True(next.ExitCode == 0, next.ToString());
        var again = await ConfcomProcess.RunAsync("sim", "init", "--state-dir", node, "--json");
        Assert.True(again.ExitCode == 0, again.ToString());
        using var first = JsonDocument.Parse(next.StandardOutput);
        using var second = JsonDocument.Parse(again.StandardOutput);
        Assert.Equal("loaded", second.RootElement.GetProperty("status").GetString());
        Assert.Equal(first.RootElement.GetProperty("pckSerial").GetString(), second.RootElement.GetProperty("pckSerial").GetString());
        Assert.Equal(first.RootElement.GetProperty("publicKeyId").GetString(), second.RootElement.GetProperty("publicKeyId").GetString());
    }
}
