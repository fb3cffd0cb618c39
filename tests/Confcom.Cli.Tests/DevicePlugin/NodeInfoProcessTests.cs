using System.Text.Json;
using Confcom.Cli.Tests.Quoting;
using Confcom.Cli.Tests.Support;

namespace Confcom.Cli.Tests.DevicePlugin;

public sealed class NodeInfoProcessTests : IDisposable
{
    private readonly string _root = Path.Combine("/tmp", "cc-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly CancellationToken _timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task JsonReportsEachDeviceNodeAsFound()
    {
        Directory.CreateDirectory(Path.Combine(_root, "dev", "sgx_provision"));
        File.CreateSymbolicLink(Path.Combine(_root, "dev", "sgx_enclave"), "/dev/null");

        var (exit, stdout, _) = await ConfcomProcess.RunAsync(_timeout, "node-info", "--host-root", _root, "--json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(stdout);
        var devices = json.RootElement.GetProperty("devices").EnumerateArray()
            .ToDictionary(d => d.GetProperty("path").GetString()!, d => d.GetProperty("state").GetString());
        Assert.Equal("CharacterDevice", devices["/dev/sgx_enclave"]);
        Assert.Equal("NotCharacterDevice", devices["/dev/sgx_provision"]);
        Assert.Equal("Missing", devices["/dev/isgx"]);
        Assert.Contains(json.RootElement.GetProperty("problems").EnumerateArray(),
            p => p.GetString()!.Contains("/dev/sgx_provision exists but is a directory", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SimulatedNodeTextSaysEnclavesCanRun()
    {
        Directory.CreateDirectory(Path.Combine(_root, "dev"));

        var (exit, stdout, _) = await ConfcomProcess.RunAsync(_timeout, "node-info", "--host-root", _root, "--simulate", "--epc", "256MiB");

        Assert.Equal(0, exit);
        Assert.Contains("256 MiB (256 MiB) from Simulated", stdout, StringComparison.Ordinal);
        Assert.Contains("Enclaves   can run here", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingHostRootIsAOneLineError()
    {
        var (exit, _, stderr) = await ConfcomProcess.RunAsync(_timeout, "node-info", "--host-root", Path.Combine(_root, "nope"));

        Assert.NotEqual(0, exit);
        Assert.StartsWith("confcom: --host-root", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckPassesOnASimulatedNode()
    {
        Directory.CreateDirectory(Path.Combine(_root, "dev"));

        var (exit, stdout, _) = await ConfcomProcess.RunAsync(_timeout, "node-info", "--host-root", _root, "--simulate", "--check");

        Assert.Equal(0, exit);
        Assert.Contains("Quoting    possible here", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckExits3WhenEnclavesCannotRun()
    {
        Directory.CreateDirectory(Path.Combine(_root, "dev"));

        var (exit, stdout, stderr) = await ConfcomProcess.RunAsync(_timeout, "node-info", "--host-root", _root, "--check");

        Assert.Equal(3, exit);
        Assert.Contains("Enclaves   cannot run here", stdout, StringComparison.Ordinal);
        Assert.StartsWith("confcom: node-info --check: enclaves cannot run here: ", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task CheckExits4WhenEnclavesRunButQuotesCannotBeMade()
    {
        // An enclave device (a character device: /dev/null stands in) and a known EPC size, but no provisioning device.
        Directory.CreateDirectory(Path.Combine(_root, "dev"));
        File.CreateSymbolicLink(Path.Combine(_root, "dev", "sgx_enclave"), "/dev/null");

        var (exit, stdout, stderr) = await ConfcomProcess.RunAsync(_timeout, "node-info", "--host-root", _root, "--epc", "64MiB", "--check", "--json");

        Assert.Equal(4, exit);
        using var json = JsonDocument.Parse(stdout);
        Assert.True(json.RootElement.GetProperty("enclavesUsable").GetBoolean());
        Assert.False(json.RootElement.GetProperty("quotingUsable").GetBoolean());
        Assert.Contains("quotes cannot be made here", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckPassesInAWiredAppContainerWithoutTheProvisioningDevice()
    {
        // What the webhook gives an EPC pod: the enclave device, SGX_AESM_ADDR=1 and the quote helper's socket, but
        // rightly no /dev/sgx_provision. Quotes come from the node's quote helper, so the pod can quote.
        Directory.CreateDirectory(Path.Combine(_root, "dev"));
        File.CreateSymbolicLink(Path.Combine(_root, "dev", "sgx_enclave"), "/dev/null");
        await using var helper = await RunningQuoteHelper.StartAsync();

        var (exit, stdout, stderr) = await ConfcomProcess.RunAsync(new Dictionary<string, string?> { ["SGX_AESM_ADDR"] = "1" }, ConfcomProcess.DefaultSafetyNet,
            "node-info", "--host-root", _root, "--epc", "64MiB", "--socket", helper.SocketPath, "--check", "--json");

        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.True(json.RootElement.GetProperty("quotingUsable").GetBoolean());
        Assert.Equal("outOfProcess", json.RootElement.GetProperty("quoting").GetProperty("route").GetString());
        Assert.Contains(helper.SocketPath, json.RootElement.GetProperty("quoting").GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckExits4NamingTheSocketWhenSgxAesmAddrIsSetButNoQuoteHelperAnswers()
    {
        Directory.CreateDirectory(Path.Combine(_root, "dev"));
        File.CreateSymbolicLink(Path.Combine(_root, "dev", "sgx_enclave"), "/dev/null");
        File.CreateSymbolicLink(Path.Combine(_root, "dev", "sgx_provision"), "/dev/null");
        var socket = Path.Combine(_root, "aesmd", "aesm.socket");

        var (exit, stdout, stderr) = await ConfcomProcess.RunAsync(new Dictionary<string, string?> { ["SGX_AESM_ADDR"] = "1" }, ConfcomProcess.DefaultSafetyNet,
            "node-info", "--host-root", _root, "--epc", "64MiB", "--socket", socket, "--check");

        // The provisioning device does not help an app that quotes out of process, as its DCAP library would not.
        Assert.Equal(4, exit);
        Assert.Contains("Quoting    not possible here", stdout, StringComparison.Ordinal);
        var error = stderr.TrimEnd();
        Assert.StartsWith("confcom: node-info --check: enclaves run but quotes cannot be made here: out of process", error, StringComparison.Ordinal);
        Assert.Contains(socket, error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public async Task WithoutCheckTheExitCodeIsZeroWhateverTheNode()
    {
        Directory.CreateDirectory(Path.Combine(_root, "dev"));

        var (exit, _, _) = await ConfcomProcess.RunAsync(_timeout, "node-info", "--host-root", _root);

        Assert.Equal(0, exit);
    }
}
