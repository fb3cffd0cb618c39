using System.CommandLine;
using System.Globalization;
using System.Net;

namespace Confcom.Cli.Options;

/// <summary>
/// <c>--metrics-listen ADDRESS:PORT|off</c>, shared by the node daemons: where <c>/healthz</c> and <c>/metrics</c>
/// listen (loopback by default; a pod needs 0.0.0.0 for kubelet probes and Prometheus). It replaces the pair
/// <c>--metrics-port N</c> + <c>--metrics-address IP</c> of 0.1, which the Helm chart passes: both stay as hidden
/// aliases for one release (port 0 = off, as before).
/// </summary>
internal sealed class MetricsListenOption
{
    public const string Off = "off";

    private MetricsListenOption(string defaultValue)
    {
        Listen = new Option<string>("--metrics-listen")
        {
            Description = $"Where /healthz and /metrics listen, ADDRESS:PORT (0.0.0.0:PORT in a pod, so kubelet probes and Prometheus reach it), or {Off}",
        }.FromEnvironment(Validated, () => defaultValue);
        LegacyPort = new Option<int?>("--metrics-port") { Description = "Deprecated: use --metrics-listen ADDRESS:PORT", Hidden = true };
        LegacyAddress = new Option<string?>("--metrics-address") { Description = "Deprecated: use --metrics-listen ADDRESS:PORT", Hidden = true };
    }

    public Option<string> Listen { get; }

    public Option<int?> LegacyPort { get; }

    public Option<string?> LegacyAddress { get; }

    /// <summary>For a daemon that serves metrics unless told otherwise.</summary>
    public static MetricsListenOption Create(IPEndPoint defaultEndpoint) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{defaultEndpoint.Address}:{defaultEndpoint.Port}"));

    /// <summary>For a daemon that serves metrics only when asked.</summary>
    public static MetricsListenOption CreateOff() => new(Off);

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Listen);
        command.Options.Add(LegacyPort);
        command.Options.Add(LegacyAddress);
        command.Validators.Add(result =>
        {
            var explicitListen = result.GetResult(Listen) is { Implicit: false };
            var legacy = result.GetResult(LegacyPort) is not null || result.GetResult(LegacyAddress) is not null;
            if (explicitListen && legacy)
            {
                result.AddError("give --metrics-listen ADDRESS:PORT alone (--metrics-port and --metrics-address are its old spelling)");
            }
            if (result.TryGet(LegacyPort, out var port) && port is < 0 or > 65535)
            {
                result.AddError($"--metrics-port {port} is not a TCP port (0 turns metrics off)");
            }
        });
        Listen.Validators.Add(result =>
        {
            if (!result.TryGetValue<string>(out var text))
            {
                return;
            }
            try
            {
                Parse(text);
            }
            catch (FormatException ex)
            {
                result.AddError($"--metrics-listen {ex.Message}");
            }
        });
    }

    /// <summary>Where /healthz and /metrics listen, or null when off.</summary>
    public IPEndPoint? Endpoint(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.GetResult(LegacyPort) is not null || result.GetResult(LegacyAddress) is not null)
        {
            var port = result.GetValue(LegacyPort);
            var address = result.GetValue(LegacyAddress) ?? "127.0.0.1";
            if (port is null)
            {
                // --metrics-address alone moved the default port.
                var current = Parse(result.GetValue(Listen)!);
                port = current?.Port ?? 0;
            }
            if (port == 0)
            {
                return null;
            }
            return IPAddress.TryParse(address, out var ip)
                ? new IPEndPoint(ip, port.Value)
                : throw new CliException($"--metrics-address '{address}' is not an IP address (use e.g. 0.0.0.0 or 127.0.0.1)");
        }
        return Parse(result.GetValue(Listen)!);
    }

    /// <summary>How the endpoint is named in errors: the flag the user gave.</summary>
    public string Describe(ParseResult result, IPEndPoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(endpoint);
        return result.GetResult(LegacyPort) is not null
            ? $"--metrics-port {endpoint.Port}"
            : $"--metrics-listen {endpoint.Address}:{endpoint.Port}";
    }

    private static IPEndPoint? Parse(string text)
    {
        if (string.Equals(text.Trim(), Off, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var address = ListenAddress.Parse(text, "http");
        if (address.Scheme != "http")
        {
            throw new FormatException($"'{text}': /metrics is served over http only");
        }
        return address.ToEndPoint();
    }

    private static string Validated(string text)
    {
        Parse(text);
        return text;
    }
}
