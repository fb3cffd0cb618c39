using System.Net;
using Microsoft.Extensions.Logging;

namespace Confcom.Hosting;

/// <summary>What the shared hosting setup needs to know about one daemon process.</summary>
public sealed class DaemonHostOptions
{
    /// <summary>Where <c>/healthz</c> and <c>/metrics</c> listen; null serves neither (and starts no web server).</summary>
    public IPEndPoint? MetricsEndpoint { get; init; }

    /// <summary>
    /// The component serves HTTP itself (the webhook, the simulated PCS): the host is a web application even without
    /// <see cref="MetricsEndpoint"/>, and <c>/healthz</c> is served on the component's own listeners.
    /// </summary>
    public bool ServesHttp { get; init; }

    public LogFormat LogFormat { get; init; } = LogFormat.Text;

    /// <summary>
    /// Log through this factory instead of the console (the demo, tests, several hosts in one process); the host
    /// does not dispose it.
    /// </summary>
    public ILoggerFactory? Loggers { get; init; }

    /// <summary>How long stopping may wait for in-flight work (hosted services' StopAsync, open requests).</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Once started and settled, collect the start-up garbage and page out the executable's start-up pages, so an
    /// idle node daemon holds only what it idles on (the device plugin and the quote helper set it).
    /// </summary>
    public bool ReleaseStartupMemory { get; init; }

    internal bool IsWeb => MetricsEndpoint is not null || ServesHttp;
}
