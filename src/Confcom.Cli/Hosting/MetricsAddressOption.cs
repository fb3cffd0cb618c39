using System.CommandLine;
using System.Net;

namespace Confcom.Cli.Hosting;

/// <summary><c>--metrics-address</c>, shared by the daemons: where /healthz and /metrics listen.</summary>
internal static class MetricsAddressOption
{
    public static Option<string> Create() => new("--metrics-address")
    {
        Description = "IP address for /healthz and /metrics (0.0.0.0 in a pod, so kubelet probes and Prometheus reach it)",
        DefaultValueFactory = _ => "127.0.0.1",
    };

    public static IPAddress Parse(string text) => IPAddress.TryParse(text, out var address)
        ? address
        : throw new CliException($"--metrics-address '{text}' is not an IP address (use e.g. 0.0.0.0 or 127.0.0.1)");
}
