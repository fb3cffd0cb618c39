using Confcom.Cli.Commands.QuoteHelper;
using Confcom.Simulation.Quoting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Confcom.Cli.Tests.QuoteHelper;

/// <summary>Backend choice, with a device root that has no SGX nodes so the outcome is the same on every machine.</summary>
public sealed class QuoteHelperBackendSelectorTests : IDisposable
{
    private readonly string _directory = Path.Combine("/tmp", "cc-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly QuoteHelperBackendSelector _selector = new(NullLoggerFactory.Instance);

    private string DeviceRoot => Path.Combine(_directory, "dev");

    private string StateDir => Path.Combine(_directory, "state");

    [Fact]
    public void Dcap_without_SGX_devices_fails_naming_the_missing_device()
    {
        Directory.CreateDirectory(DeviceRoot);
        var e = Assert.Throws<CliException>(() => _selector.Open(QuoteHelperBackend.Dcap, null, null, DeviceRoot));
        Assert.Contains(Path.Combine(DeviceRoot, "sgx_enclave"), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dcap_without_provisioning_device_fails_naming_it()
    {
        Directory.CreateDirectory(DeviceRoot);
        File.WriteAllText(Path.Combine(DeviceRoot, "sgx_enclave"), "");
        var e = Assert.Throws<CliException>(() => _selector.Open(QuoteHelperBackend.Dcap, null, null, DeviceRoot));
        Assert.Contains(Path.Combine(DeviceRoot, "sgx_provision"), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Auto_without_SGX_devices_serves_the_simulated_node()
    {
        using var enclave = Assert.IsType<SimulatedQuotingEnclave>(_selector.Open(QuoteHelperBackend.Auto, StateDir, null, DeviceRoot));
        Assert.Equal("simulated", enclave.Name);
        Assert.True(Directory.EnumerateFileSystemEntries(StateDir).Any());
    }

    [Fact]
    public void Auto_on_an_SGX_node_whose_hardware_backend_cannot_run_refuses_instead_of_simulating()
    {
        Directory.CreateDirectory(DeviceRoot);
        File.WriteAllText(Path.Combine(DeviceRoot, "sgx_enclave"), "");

        var e = Assert.Throws<CliException>(() => _selector.Open(QuoteHelperBackend.Auto, StateDir, null, DeviceRoot));

        Assert.Contains(Path.Combine(DeviceRoot, "sgx_provision"), e.Message, StringComparison.Ordinal);
        Assert.Contains("--backend simulated", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(StateDir));
    }

    [Fact]
    public void Auto_on_an_SGX_node_without_the_DCAP_library_names_the_hardware_image_in_one_line()
    {
        // A fake host /dev whose SGX nodes are real character devices (links to /dev/null), as the device-plugin tests do.
        Directory.CreateDirectory(DeviceRoot);
        File.CreateSymbolicLink(Path.Combine(DeviceRoot, "sgx_enclave"), "/dev/null");
        File.CreateSymbolicLink(Path.Combine(DeviceRoot, "sgx_provision"), "/dev/null");
        var selector = new QuoteHelperBackendSelector(NullLoggerFactory.Instance, quoteLibrary: "libconfcom-test-no-such-dcap-ql.so.1");

        var e = Assert.Throws<CliException>(() => selector.Open(QuoteHelperBackend.Auto, StateDir, null, DeviceRoot));

        Assert.DoesNotContain('\n', e.Message);
        Assert.Contains("libconfcom-test-no-such-dcap-ql.so.1", e.Message, StringComparison.Ordinal);
        Assert.Contains("--target hardware", e.Message, StringComparison.Ordinal);
        Assert.Contains("image.hardwareTag", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(StateDir));
    }

    [Fact]
    public void Simulated_without_state_dir_is_refused()
    {
        var e = Assert.Throws<CliException>(() => _selector.Open(QuoteHelperBackend.Simulated, null, null, DeviceRoot));
        Assert.Contains("--state-dir", e.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
