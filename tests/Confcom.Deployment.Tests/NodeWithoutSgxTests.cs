using Confcom.Chart.Tests.Support;
using Confcom.Deployment.Tests.Support;
using Confcom.DevicePlugin.KubeletEmulation;

namespace Confcom.Deployment.Tests;

/// <summary>
/// The hardware chart (default values) landing on a node without SGX, e.g. a node labelled by mistake: the device
/// plugin container must stay up, register, advertise nothing and say why. The kubelet stand-in dials like a kubelet
/// before 1.26 (socket path as :authority), so this also runs the old-kubelet path through the real image.
/// </summary>
public sealed class NodeWithoutSgxTests : IAsyncLifetime
{
    private readonly NodeDirectories _node = new();
    private KubeletEmulator _kubelet = null!;
    private string _container = "";

    public async Task InitializeAsync()
    {
        _node.Existing("/dev");
        _node.Existing("/sys/devices/system/node");
        _kubelet = await KubeletEmulator.StartAsync(_node.Existing("/var/lib/kubelet/device-plugins"),
            new KubeletEmulatorOptions { DialsLikeKubeletBefore126 = true });
    }

    public async Task DisposeAsync()
    {
        if (_container.Length > 0)
        {
            await DockerCli.RunAsync(["rm", "-f", _container]);
        }
        await _kubelet.DisposeAsync();
        _node.Dispose();
    }

    [Fact]
    public async Task The_device_plugin_stays_up_registers_advertises_nothing_and_says_why()
    {
        using var timeout = new CancellationTokenSource(SimulatedNodeFixture.SafetyNet);
        var chart = RenderedChart.Render("default", "--set", "image.repository=confcom", "--set", "image.tag=dev");
        var spec = chart.DevicePlugin.Spec.Template.Spec;
        var run = new PodContainerRun(spec, spec.Containers.Single(), _node);
        _container = run.Name;
        await DockerCli.CheckedAsync([.. run.Arguments(detached: true)]);

        var epc = await SimulatedNodeFixture.WhileRunningAsync(_container, _kubelet.WaitForResourceAsync(SimulatedNodeFixture.EpcResource, timeout.Token));
        await SimulatedNodeFixture.WhileRunningAsync(_container, epc.WaitForDevicesAsync(d => d.Count == 0 && epc.MessagesReceived > 0, timeout.Token));
        await SimulatedNodeFixture.WaitForLogAsync(_container, "advertising nothing", timeout.Token);
        var state = (await DockerCli.CheckedAsync("inspect", "-f", "{{.State.Running}} {{.RestartCount}}", _container)).Trim();
        var logs = await DockerCli.LogsAsync(_container);

        Assert.Equal("true 0", state);
        Assert.True(epc.StreamOpen);
        Assert.Null(epc.StreamError);
        Assert.Contains("no EPC", logs, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", logs, StringComparison.Ordinal);
    }
}
