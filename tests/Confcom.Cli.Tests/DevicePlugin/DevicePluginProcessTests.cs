using Confcom.DevicePlugin;
using Confcom.DevicePlugin.KubeletEmulation;
using Confcom.DevicePlugin.Resources;
using Confcom.Cli.Tests.Support;

namespace Confcom.Cli.Tests.DevicePlugin;

public sealed class DevicePluginProcessTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine("/tmp", "cc-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly CancellationToken _timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    private string KubeletDir => Path.Combine(_root, "dp");

    private string HostRoot => Path.Combine(_root, "host");

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(HostRoot, "dev"));
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task RegistersWithTheKubeletAndOnSigtermRemovesItsSocketAndExitsZero()
    {
        await using var kubelet = await KubeletEmulator.StartAsync(KubeletDir, cancellationToken: _timeout);
        using var plugin = ConfcomProcess.Start("device-plugin", "--kubelet-dir", KubeletDir, "--host-root", HostRoot,
            "--simulate", "--epc", "16MiB", "--metrics-listen", "off");

        var endpoint = await kubelet.WaitForResourceAsync(SgxResourceNames.EpcMebibytes, _timeout);
        var devices = await endpoint.WaitForDevicesAsync(d => d.Count > 0, _timeout);
        var socketWhileRunning = File.Exists(endpoint.SocketPath);
        await plugin.SendSigtermAsync();
        var exitCode = await plugin.WaitForExitAsync(_timeout);

        Assert.Equal(16, devices.Count);
        Assert.True(socketWhileRunning);
        Assert.Equal(0, exitCode);
        Assert.False(File.Exists(endpoint.SocketPath), "the plugin's socket must be gone after SIGTERM");
        Assert.True(File.Exists(Path.Combine(KubeletDir, KubeletProtocol.CheckpointFileName)));
        Assert.Contains("stopped serving", plugin.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEpcTooLargeForTheKubeletIsRefusedWithOneLine()
    {
        var (exit, _, stderr) = await ConfcomProcess.RunAsync(_timeout, "device-plugin", "--kubelet-dir", KubeletDir,
            "--host-root", HostRoot, "--simulate", "--epc", "300GiB", "--metrics-listen", "off");

        Assert.NotEqual(0, exit);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("confcom: ", line, StringComparison.Ordinal);
        Assert.Contains("4194304", line, StringComparison.Ordinal);
        Assert.Contains(SgxResourceNames.IntelEpcBytes, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadEpcSizeIsRefusedNamingTheForm()
    {
        var (exit, _, stderr) = await ConfcomProcess.RunAsync(_timeout, "device-plugin", "--simulate", "--epc", "128MB");

        Assert.NotEqual(0, exit);
        Assert.Contains("--epc: '128MB' is not an EPC size", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--metrics-listen")]
    [InlineData("--metrics-port")] // the spelling of 0.1, which its Helm chart passed: a hidden alias for one release
    public async Task AMetricsPortInUseIsAOneLineErrorNamingTheFlag(string flag)
    {
        using var occupied = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        occupied.Start();
        var port = ((System.Net.IPEndPoint)occupied.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var value = flag == "--metrics-listen" ? "127.0.0.1:" + port : port;

        var (exit, _, stderr) = await ConfcomProcess.RunAsync(_timeout, "device-plugin", "--kubelet-dir", KubeletDir,
            "--host-root", HostRoot, "--simulate", flag, value);

        Assert.NotEqual(0, exit);
        Assert.StartsWith($"confcom: {flag} {value}: ", stderr, StringComparison.Ordinal);
        Assert.Contains("or --metrics-listen off", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.TrimEnd().Split('\n'));
    }
}
