using Confcom.Cli.Tests.Support;
using Confcom.Testing;

namespace Confcom.Cli.Tests.Style;

/// <summary>
/// Failures as an operator sees them, on the real executable: one line on stderr naming what failed and where, no
/// exception type names and no stack trace (unless CONFCOM_DEBUG=1); a usage error names the problem first and then
/// points at the verb's --help instead of printing it.
/// </summary>
public sealed class ErrorMessageTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string, string> Failures() => new()
    {
        { "inspect /tmp", "QUOTE /tmp is a directory" },
        { "verify /tmp/cc-no-such-quote --collateral x.json", "QUOTE /tmp/cc-no-such-quote: cannot read it: no such file" },
        { "sim root --state-dir /tmp/cc-no-such-node --out x.pem", "/tmp/cc-no-such-node" },
        { "sim init --state-dir /proc/cc-state", "--state-dir /proc/cc-state" },
        { "node-info --host-root /tmp/cc-no-such-root", "--host-root /tmp/cc-no-such-root does not exist" },
        { "device-plugin --simulate --resources sgx.intel.com/nope --metrics-listen off --kubelet-dir /tmp/cc-kubelet", "unknown resource 'sgx.intel.com/nope'" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task AFailureIsOneLineNamingWhere(string commandLine, string expected)
    {
        var result = await ConfcomProcess.RunAsync(commandLine.Split(' '));

        Assert.NotEqual(0, result.ExitCode);
        var error = result.StandardError.TrimEnd();
        Assert.Single(error.Split('\n'));
        Assert.StartsWith("confcom: ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error + result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error + result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CONFCOM_DEBUG_adds_the_stack_trace()
    {
        var result = await ConfcomProcess.RunAsync(new Dictionary<string, string?> { ["CONFCOM_DEBUG"] = "1" }, ConfcomProcess.DefaultSafetyNet,
            "sim", "root", "--state-dir", _dir.File("none"), "--out", _dir.File("x.pem"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.StartsWith("confcom: ", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("   at ", result.StandardError, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> UsageErrors() => new()
    {
        { "verify", "confcom verify: " },
        { "device-plugin --enclave-limit abc", "confcom device-plugin: Cannot parse argument 'abc' for option '--enclave-limit': expected a whole number." },
        { "webhook --listen nowhere", "confcom webhook: --listen 'nowhere' is not a listen address" },
        { "pcs serve --listen https://127.0.0.1:0", "confcom pcs serve: --listen 'https://127.0.0.1:0': this verb serves http only" },
        { "collateral fetch --pcs http://127.0.0.1:9 --out x.json", "confcom collateral fetch: missing the QUOTE argument" },
        { "node-info --bogus", "confcom node-info: Unrecognized command or argument '--bogus'." },
    };

    [Theory]
    [MemberData(nameof(UsageErrors))]
    public async Task AUsageErrorComesFirstThenAPointerToHelp(string commandLine, string expected)
    {
        var result = await ConfcomProcess.RunAsync(commandLine.Split(' '));

        Assert.Equal(1, result.ExitCode);
        var lines = result.StandardError.TrimEnd().Split('\n');
        Assert.StartsWith(expected, lines[0], StringComparison.Ordinal);
        var verb = expected[..expected.IndexOf(':', StringComparison.Ordinal)];
        Assert.Equal($"Run '{verb} --help' for usage.", lines[^1]);
        Assert.DoesNotContain("Description:", result.StandardError + result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEnvironmentVariableThatDoesNotParseIsAUsageErrorNamingIt()
    {
        var result = await ConfcomProcess.RunAsync(new Dictionary<string, string?> { ["CONFCOM_METRICS_LISTEN"] = "everywhere" }, ConfcomProcess.DefaultSafetyNet,
            "device-plugin", "--simulate");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("confcom device-plugin: CONFCOM_METRICS_LISTEN=everywhere: ", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostStartFailuresAreNotLoggedAgainWithTheirStackTrace()
    {
        var result = await ConfcomProcess.RunAsync("device-plugin", "--simulate", "--epc", "1TiB", "--kubelet-dir", _dir.File("kubelet"), "--metrics-listen", "off");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("over the kubelet's 4194304-byte gRPC receive limit", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Hosting failed to start", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardOutput, StringComparison.Ordinal);
    }
}
