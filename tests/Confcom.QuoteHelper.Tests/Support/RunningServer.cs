using Confcom.Aesm.Client;
using Confcom.Aesm.Quoting;
using Confcom.QuoteHelper.Server;
using Prometheus;
using Confcom.Testing;

namespace Confcom.QuoteHelper.Tests.Support;

/// <summary>A real <see cref="QuoteHelperServer"/> on a temp Unix socket, with its own metrics registry.</summary>
public sealed class RunningServer : IAsyncDisposable
{
    private readonly TempDirectory _directory;

    private RunningServer(TempDirectory directory, QuoteHelperServer server, CollectorRegistry registry, QuoteHelperOptions options)
    {
        _directory = directory;
        Server = server;
        Registry = registry;
        Options = options;
    }

    public QuoteHelperServer Server { get; }

    public CollectorRegistry Registry { get; }

    public QuoteHelperOptions Options { get; }

    public string SocketPath => Options.SocketPath;

    public AesmClient Client() => new(SocketPath, TimeSpan.FromSeconds(30));

    public static async Task<RunningServer> StartAsync(IQuotingEnclave enclave, Action<QuoteHelperOptions>? configure = null)
    {
        var directory = new TempDirectory();
        var options = new QuoteHelperOptions { SocketPath = directory.SocketPath };
        configure?.Invoke(options);
        var registry = Metrics.NewCustomRegistry();
        var server = new QuoteHelperServer(options, enclave, new QuoteHelperMetrics(registry));
        await server.StartAsync();
        return new RunningServer(directory, server, registry, options);
    }

    /// <summary>The value of one sample in the Prometheus text exposition, or 0 when absent.</summary>
    public async Task<double> MetricAsync(string sample)
    {
        using var stream = new MemoryStream();
        await Registry.CollectAndExportAsTextAsync(stream);
        var text = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(sample + " ", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[(sample.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _directory.Dispose();
    }
}
