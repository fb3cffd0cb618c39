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

    /// <summary>Where /healthz and /metrics listen, or null when the port is 0 or absent (metrics off).</summary>
    public static IPEndPoint? Endpoint(string address, int? port) => port switch
    {
        null or 0 => null,
        < 0 or > 65535 => throw new CliException($"--metrics-port {port} is not a TCP port (0 turns metrics off)"),
        _ => new IPEndPoint(Parse(address), port.Value),
    };
}
