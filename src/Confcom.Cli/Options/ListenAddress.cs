using System.Globalization;
using System.Net;

namespace Confcom.Cli.Options;

/// <summary>
/// Where a daemon listens, written the same way in every flag (<c>--listen</c>, <c>--metrics-listen</c>):
/// <c>[http(s)://]ADDRESS:PORT</c>, with an IP address (IPv6 in brackets), <c>localhost</c> or <c>0.0.0.0</c>, and no
/// path. Without a scheme the flag's own scheme applies. Port 0 picks a free port.
/// </summary>
internal sealed record ListenAddress(string Scheme, string Host, int Port)
{
    public string Url => $"{Scheme}://{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";

    public static ListenAddress Parse(string text, string defaultScheme)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = text.Trim();
        var scheme = defaultScheme;
        var separator = value.IndexOf("://", StringComparison.Ordinal);
        if (separator >= 0)
        {
            scheme = value[..separator].ToLowerInvariant();
            value = value[(separator + 3)..].TrimEnd('/');
            if (scheme is not ("http" or "https"))
            {
                throw new FormatException($"'{text}' is not a listen address: the scheme must be http or https");
            }
        }
        var colon = value.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(value[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new FormatException($"'{text}' is not a listen address: expected ADDRESS:PORT, e.g. 127.0.0.1:9562 or 0.0.0.0:9562");
        }
        var host = value[..colon];
        if (host.Contains('/', StringComparison.Ordinal))
        {
            throw new FormatException($"'{text}' is not a listen address: no path is allowed");
        }
        if (!string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) && host is not ("*" or "+")
            && !IPAddress.TryParse(host.Trim('[', ']'), out _))
        {
            throw new FormatException($"'{text}': listen on an IP address, localhost or 0.0.0.0, not the host name '{host}'");
        }
        return new ListenAddress(scheme, host, port);
    }

    /// <summary>The endpoint as an IP address and port (localhost is the IPv4 loopback).</summary>
    public IPEndPoint ToEndPoint() => new(
        string.Equals(Host, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
            : Host is "*" or "+" ? IPAddress.Any
            : IPAddress.Parse(Host.Trim('[', ']')),
        Port);
}
