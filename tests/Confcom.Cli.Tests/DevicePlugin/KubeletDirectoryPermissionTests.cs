using Confcom.Cli.Tests.Support;
using Confcom.DevicePlugin.KubeletEmulation;

namespace Confcom.Cli.Tests.DevicePlugin;

/// <summary>
/// The real executable in a kubelet directory it may not write to. As root (CI) the daemon runs as nobody through
/// setpriv, because root would write anyway; as another user the directory is simply read-only to it.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class KubeletDirectoryPermissionTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine("/tmp", "cc-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly CancellationToken _timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    private string KubeletDir => Path.Combine(_root, "dp");

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_root, "host", "dev"));
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        File.SetUnixFileMode(KubeletDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task An_unwritable_kubelet_directory_is_reported_with_the_socket_path_the_operation_and_what_to_do()
    {
        await using var kubelet = await KubeletEmulator.StartAsync(KubeletDir, cancellationToken: _timeout);
        // r-x for everyone: the daemon (nobody, or a non-root test user) can see kubelet.sock but not create its socket.
        File.SetUnixFileMode(KubeletDir, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead
            | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        File.SetUnixFileMode(_root, (UnixFileMode)0b111_101_101);
        string[] args = ["device-plugin", "--kubelet-dir", KubeletDir, "--host-root", Path.Combine(_root, "host"), "--simulate", "--epc", "16MiB", "--metrics-listen", "off"];
        using var plugin = Environment.UserName == "root"
            ? ConfcomProcess.StartAs(65534, new Dictionary<string, string?> { ["HOME"] = "/tmp" }, args)
            : ConfcomProcess.Start(args);

        var line = await plugin.WaitForOutputLineAsync(l => l.Contains("Permission denied", StringComparison.Ordinal) && l.Contains("sgx_epc_mem_in_MiB:", StringComparison.Ordinal), _timeout);
        await plugin.KillAsync();

        Assert.NotNull(line);
        Assert.Contains(Path.Combine(KubeletDir, "kubernetes.azure.com-sgx_epc_mem_in_MiB.sock"), line, StringComparison.Ordinal);
        Assert.Contains("bind", line, StringComparison.Ordinal);
        Assert.Contains("as root", line, StringComparison.Ordinal);
    }
}
