using System.Text.Json;
using Confcom.Cli.Tests.Support;
using Confcom.Testing;

namespace Confcom.Cli.Tests.DevicePlugin;

/// <summary>
/// <c>confcom kubelet-standin</c> with the real <c>device-plugin</c>, both as child processes: the stand-in registers
/// the plugin, shows what it advertises and allocates what it was asked for; --enclave-limit and its variables size
/// the shared-device resources as Intel's plugin does.
/// </summary>
public sealed class KubeletStandinTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string KubeletDir => _dir.File("kubelet");

    [Fact]
    public async Task TextModePrintsRegistrationsDeviceListsAndAllocations()
    {
        using var standin = ConfcomProcess.Start("kubelet-standin", KubeletDir, "--allocate", "kubernetes.azure.com/sgx_epc_mem_in_MiB=4");
        using var plugin = StartPlugin(null, "--epc", "16MiB");

        var exit = await standin.WaitForExitAsync();
        await plugin.TerminateAsync();

        var output = standin.StandardOutput;
        Assert.True(exit == 0, output + standin.StandardError);
        Assert.Contains($"kubelet stand-in serving {KubeletDir}/kubelet.sock", output, StringComparison.Ordinal);
        Assert.Contains("registered kubernetes.azure.com/sgx_epc_mem_in_MiB at ", output, StringComparison.Ordinal);
        Assert.Contains("kubernetes.azure.com/sgx_epc_mem_in_MiB: 16 devices, 16 healthy", output, StringComparison.Ordinal);
        Assert.Contains("allocated 4 kubernetes.azure.com/sgx_epc_mem_in_MiB (devices 0,1,2,3):", output, StringComparison.Ordinal);
        Assert.Contains("env        CONFCOM_SGX_EPC_MIB=4", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAllocationNoPluginCanServeFailsAfterTheTimeoutNamingTheDirectory()
    {
        var result = await ConfcomProcess.RunAsync("kubelet-standin", KubeletDir, "--allocate", "sgx.intel.com/enclave=1", "--timeout", "1s");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("confcom: --allocate sgx.intel.com/enclave=1: no plugin", result.StandardError, StringComparison.Ordinal);
        Assert.Contains($"--kubelet-dir {KubeletDir}", result.StandardError, StringComparison.Ordinal);
    }

    public static TheoryData<string[], Dictionary<string, string?>, int> Limits() => new()
    {
        { [], new Dictionary<string, string?>(), 110 },
        { ["--enclave-limit", "7"], new Dictionary<string, string?> { ["CONFCOM_ENCLAVE_LIMIT"] = "5" }, 7 }, // flag > variable
        { [], new Dictionary<string, string?> { ["CONFCOM_ENCLAVE_LIMIT"] = "5" }, 5 },                     // variable > default
        { [], new Dictionary<string, string?> { ["PODS_PER_CORE"] = "3" }, 3 * Environment.ProcessorCount }, // Intel's default rule
    };

    [Theory]
    [MemberData(nameof(Limits))]
    public async Task EnclaveLimitSizesTheEnclaveResource(string[] flags, Dictionary<string, string?> environment, int expected)
    {
        using var standin = ConfcomProcess.Start("kubelet-standin", KubeletDir, "--allocate", "sgx.intel.com/enclave=1", "--json");
        using var plugin = StartPlugin(environment, ["--resources", "sgx.intel.com/enclave,sgx.intel.com/provision", .. flags]);

        var exit = await standin.WaitForExitAsync();
        await plugin.TerminateAsync();

        Assert.True(exit == 0, standin.StandardOutput + standin.StandardError + plugin.StandardOutput + plugin.StandardError);
        using var report = JsonDocument.Parse(standin.StandardOutput);
        var enclave = report.RootElement.GetProperty("plugins").EnumerateArray().Single(p => p.GetProperty("resource").GetString() == "sgx.intel.com/enclave");
        Assert.Equal(expected, enclave.GetProperty("devices").GetInt32());
        var allocation = report.RootElement.GetProperty("allocations")[0];
        Assert.Equal(["sgx-enclave-0"], allocation.GetProperty("deviceIds").EnumerateArray().Select(d => d.GetString()!).ToArray());
    }

    [Fact]
    public void IntelsDefaultIs110OrPodsPerCoreTimesCpus()
    {
        Assert.Equal(110, Confcom.Cli.Commands.DevicePlugin.PodCountDefault.Compute(null, 8));
        Assert.Equal(110, Confcom.Cli.Commands.DevicePlugin.PodCountDefault.Compute("", 8));
        Assert.Equal(80, Confcom.Cli.Commands.DevicePlugin.PodCountDefault.Compute("10", 8));
        Assert.Throws<FormatException>(() => Confcom.Cli.Commands.DevicePlugin.PodCountDefault.Compute("many", 8));
        Assert.Throws<FormatException>(() => Confcom.Cli.Commands.DevicePlugin.PodCountDefault.Compute("0", 8));
    }

    private ConfcomProcess StartPlugin(IReadOnlyDictionary<string, string?>? environment, params string[] flags)
    {
        Directory.CreateDirectory(_dir.File("host/dev"));
        return ConfcomProcess.Start(environment, ["device-plugin", "--simulate", "--kubelet-dir", KubeletDir, "--host-root", _dir.File("host"), "--metrics-listen", "off", .. flags]);
    }
}
