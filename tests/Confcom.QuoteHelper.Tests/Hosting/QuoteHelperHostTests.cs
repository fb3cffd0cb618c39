using System.Net;
using System.Net.Sockets;
using Confcom.Aesm.Client;
using Confcom.Aesm.Quoting;
using Confcom.Hosting;
using Confcom.QuoteHelper.Server;
using Confcom.QuoteHelper.Tests.Support;
using Confcom.Testing;
using Confcom.Sgx.Structures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Confcom.QuoteHelper.Tests.Hosting;

public class QuoteHelperHostTests
{
    [Fact]
    public async Task Host_serves_the_socket_health_and_metrics_and_cleans_up_on_stop()
    {
        using var directory = new TempDirectory();
        var port = FreeTcpPort();
        var backend = new CannedQuotingEnclave();
        using var host = Build(directory.SocketPath, backend, new IPEndPoint(IPAddress.Loopback, port));
        await host.StartAsync();

        var client = new AesmClient(directory.SocketPath, TimeSpan.FromSeconds(30));
        var quote = await client.GetQuoteExAsync(new byte[SgxReport.Size], SgxAttestationKeyId.DefaultEcdsaP256.ToArray(), null, (uint)backend.Quote.Length);
        Assert.Equal(0u, quote.ErrorCode);

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        Assert.Equal("ok\n", await http.GetStringAsync("/healthz"));
        var metrics = await http.GetStringAsync("/metrics");
        Assert.Contains("confcom_aesm_requests_total{type=\"GetQuoteEx\",result=\"Success\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("confcom_aesm_quote_duration_seconds_count", metrics, StringComparison.Ordinal);
        Assert.Contains("confcom_aesm_active_connections", metrics, StringComparison.Ordinal);

        await host.StopAsync();
        Assert.False(File.Exists(directory.SocketPath));
    }

    [Fact]
    public async Task Host_without_metrics_port_serves_only_the_socket()
    {
        using var directory = new TempDirectory();
        using var host = Build(directory.SocketPath, new CannedQuotingEnclave(), metrics: null);
        await host.StartAsync();
        Assert.Equal(0u, (await new AesmClient(directory.SocketPath).GetSupportedAttKeyIdNumAsync()).ErrorCode);
        await host.StopAsync();
        Assert.False(File.Exists(directory.SocketPath));
    }

    [Fact]
    public async Task Health_is_unhealthy_naming_the_file_while_a_file_sits_where_the_socket_was_and_healthy_once_it_is_rebound()
    {
        using var directory = new TempDirectory();
        var port = FreeTcpPort();
        using var host = Build(directory.SocketPath, new CannedQuotingEnclave(), new IPEndPoint(IPAddress.Loopback, port));
        await host.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        Assert.Equal("ok\n", await http.GetStringAsync("/healthz"));

        var file = directory.File("replacement");
        await File.WriteAllTextAsync(file, "kept");
        File.Move(file, directory.SocketPath, overwrite: true);

        var unhealthy = await WaitForHealthAsync(http, HttpStatusCode.ServiceUnavailable);
        Assert.Contains(directory.SocketPath, unhealthy, StringComparison.Ordinal);
        Assert.Contains("a regular file", unhealthy, StringComparison.Ordinal);
        Assert.Contains("confcom_aesm_socket_bound 0", await http.GetStringAsync("/metrics"), StringComparison.Ordinal);
        Assert.Equal("kept", await File.ReadAllTextAsync(directory.SocketPath));

        File.Delete(directory.SocketPath);

        await WaitForHealthAsync(http, HttpStatusCode.OK);
        Assert.Equal(0u, (await new AesmClient(directory.SocketPath).GetSupportedAttKeyIdNumAsync()).ErrorCode);
        Assert.Contains("confcom_aesm_socket_rebinds_total 1", await http.GetStringAsync("/metrics"), StringComparison.Ordinal);
        await host.StopAsync();
    }

    private static async Task<string> WaitForHealthAsync(HttpClient http, HttpStatusCode wanted)
    {
        using var safetyNet = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            using var response = await http.GetAsync("/healthz", safetyNet.Token);
            if (response.StatusCode == wanted)
            {
                return await response.Content.ReadAsStringAsync(safetyNet.Token);
            }
            await Task.Delay(20, safetyNet.Token);
        }
    }

    /// <summary>The quote helper composed as <c>confcom quote-helper</c> composes it.</summary>
    private static IHost Build(string socketPath, IQuotingEnclave backend, IPEndPoint? metrics)
    {
        var builder = DaemonHost.CreateBuilder(new DaemonHostOptions { MetricsEndpoint = metrics, Loggers = NullLoggerFactory.Instance });
        builder.Services.AddSingleton(backend);
        builder.Services.AddQuoteHelper(o => o.SocketPath = socketPath);
        return builder.Build();
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
