using System.Net.Sockets;
using Confcom.Aesm.Client;
using Confcom.QuoteHelper.Server;
using Confcom.QuoteHelper.Tests.Support;

namespace Confcom.QuoteHelper.Tests.Server;

/// <summary>
/// A socket deleted or replaced while the helper runs: a deleted one (or a stale socket in its place) is bound again
/// and counted; a file or another live service in its place is never touched, and <see cref="QuoteHelperServer.SocketProblem"/>
/// (what /healthz reports) says why quoting is unavailable until it is cleared.
/// </summary>
public class SocketReplacementTests
{
    [Fact]
    public async Task A_deleted_socket_is_bound_again_and_quoting_resumes_without_a_restart()
    {
        await using var server = await RunningServer.StartAsync(new CannedQuotingEnclave());
        Assert.Equal(1, await server.MetricAsync("confcom_aesm_socket_bound"));

        File.Delete(server.SocketPath);

        // Noticed through inotify (or the 1 s poll); the client's own deadline is the safety net.
        await WaitUntilAsync(async () => await TryQuoteAsync(server.SocketPath));
        Assert.Equal(1, await server.MetricAsync("confcom_aesm_socket_rebinds_total"));
        Assert.Equal(1, await server.MetricAsync("confcom_aesm_socket_bound"));
        Assert.Null(server.Server.SocketProblem);
    }

    [Fact]
    public async Task A_deleted_directory_is_recreated_and_the_socket_bound_again()
    {
        await using var server = await RunningServer.StartAsync(new CannedQuotingEnclave(), o => o.SocketPath = Path.Combine(Path.GetDirectoryName(o.SocketPath)!, "aesmd", "aesm.socket"));
        // Renamed away in one step, then deleted: a recursive delete in place races the server, which may recreate
        // the directory and bind in it between the delete's unlink of the socket and its rmdir ("Directory not empty").
        var directory = Path.GetDirectoryName(server.SocketPath)!;
        Directory.Move(directory, directory + ".gone");
        Directory.Delete(directory + ".gone", recursive: true);

        await WaitUntilAsync(async () => await TryQuoteAsync(server.SocketPath));
        Assert.Equal(1, await server.MetricAsync("confcom_aesm_socket_rebinds_total"));
    }

    [Fact]
    public async Task A_file_put_in_place_of_the_socket_is_left_alone_reported_and_the_socket_returns_once_it_is_removed()
    {
        await using var server = await RunningServer.StartAsync(new CannedQuotingEnclave(), o => o.SocketCheckInterval = TimeSpan.FromHours(1));
        var file = server.SocketPath + ".new";
        await File.WriteAllTextAsync(file, "not a socket");
        File.Move(file, server.SocketPath, overwrite: true);

        server.Server.CheckSocketNow(probe: false);

        Assert.Contains("a regular file", server.Server.SocketProblem, StringComparison.Ordinal);
        Assert.Equal(0, await server.MetricAsync("confcom_aesm_socket_bound"));
        Assert.Equal("not a socket", await File.ReadAllTextAsync(server.SocketPath));

        File.Delete(server.SocketPath);
        server.Server.CheckSocketNow(probe: false);

        Assert.Null(server.Server.SocketProblem);
        Assert.True(await TryQuoteAsync(server.SocketPath));
    }

    [Fact]
    public async Task Another_live_service_in_place_of_the_socket_is_not_stolen_and_a_stale_one_is_replaced()
    {
        await using var server = await RunningServer.StartAsync(new CannedQuotingEnclave(), o => o.SocketCheckInterval = TimeSpan.FromHours(1));
        // Another service swaps its own socket onto the path in one step (bind elsewhere, rename over).
        var elsewhere = server.SocketPath + ".other";
        var other = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        other.Bind(new UnixDomainSocketEndPoint(elsewhere));
        other.Listen(8);
        File.Move(elsewhere, server.SocketPath, overwrite: true);

        server.Server.CheckSocketNow(probe: true);

        Assert.Contains("another service now answers there", server.Server.SocketProblem, StringComparison.Ordinal);
        using (var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            await probe.ConnectAsync(new UnixDomainSocketEndPoint(server.SocketPath));
            using var accepted = await other.AcceptAsync();
        }

        // The other service dies and leaves its socket file behind: now it is stale and ours again.
        other.Dispose();
        server.Server.CheckSocketNow(probe: true);

        Assert.Null(server.Server.SocketProblem);
        Assert.True(await TryQuoteAsync(server.SocketPath));
        Assert.Equal(1, await server.MetricAsync("confcom_aesm_socket_rebinds_total"));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_chmod_of_the_socket_is_not_mistaken_for_a_replacement()
    {
        await using var server = await RunningServer.StartAsync(new CannedQuotingEnclave(), o => o.SocketCheckInterval = TimeSpan.FromHours(1));
        File.SetUnixFileMode(server.SocketPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        server.Server.CheckSocketNow(probe: false);

        Assert.Null(server.Server.SocketProblem);
        Assert.Equal(0, await server.MetricAsync("confcom_aesm_socket_rebinds_total"));
        Assert.True(await TryQuoteAsync(server.SocketPath));
    }

    private static async Task<bool> TryQuoteAsync(string socketPath)
    {
        try
        {
            return (await new AesmClient(socketPath, TimeSpan.FromSeconds(15)).GetSupportedAttKeyIdNumAsync()).ErrorCode == 0;
        }
        catch (AesmTransportException)
        {
            return false;
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var safetyNet = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            await Task.Delay(20, safetyNet.Token);
        }
    }
}
