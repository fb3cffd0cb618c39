using System.Net.Sockets;
using Confcom.Aesm.Client;
using Confcom.Aesm.Protocol;
using Confcom.QuoteHelper.Server;
using Confcom.QuoteHelper.Tests.Support;
using Confcom.Testing;
using Confcom.Sgx.Structures;
using Google.Protobuf;

namespace Confcom.QuoteHelper.Tests.Server;

public class LifecycleTests
{
    private static readonly byte[] Key = SgxAttestationKeyId.DefaultEcdsaP256.ToArray();

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Socket_is_world_writable_and_its_missing_directory_is_created()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "aesmd", "aesm.socket");
        await using var server = new QuoteHelperServer(new QuoteHelperOptions { SocketPath = path }, new CannedQuotingEnclave());
        await server.StartAsync();
        Assert.Equal((UnixFileMode)0b111_111_111, File.GetUnixFileMode(path));
        Assert.Equal(0u, (await new AesmClient(path).GetSupportedAttKeyIdNumAsync()).ErrorCode);
    }

    [Fact]
    public async Task A_stale_socket_file_is_replaced()
    {
        using var directory = new TempDirectory();
        // Bound but not listening: connects are refused, exactly like the file a killed process leaves behind
        // (.NET would unlink the path if the socket were disposed).
        using var dead = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        dead.Bind(new UnixDomainSocketEndPoint(directory.SocketPath));
        Assert.True(File.Exists(directory.SocketPath));
        await using var server = new QuoteHelperServer(new QuoteHelperOptions { SocketPath = directory.SocketPath }, new CannedQuotingEnclave());
        await server.StartAsync();
        Assert.Equal(0u, (await new AesmClient(directory.SocketPath).GetSupportedAttKeyIdNumAsync()).ErrorCode);
    }

    [Fact]
    public async Task A_live_socket_is_not_stolen()
    {
        await using var first = await RunningServer.StartAsync(new CannedQuotingEnclave());
        await using var second = new QuoteHelperServer(new QuoteHelperOptions { SocketPath = first.SocketPath }, new CannedQuotingEnclave());
        var e = await Assert.ThrowsAsync<AesmSocketInUseException>(() => second.StartAsync());
        Assert.Contains(first.SocketPath, e.Message, StringComparison.Ordinal);
        Assert.Equal(0u, (await first.Client().GetSupportedAttKeyIdNumAsync()).ErrorCode);
    }

    [Fact]
    public async Task Stop_finishes_the_request_in_flight_then_removes_the_socket()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var backend = new CannedQuotingEnclave { QuoteGate = ct => release.Task.WaitAsync(ct) };
        using var directory = new TempDirectory();
        var server = new QuoteHelperServer(new QuoteHelperOptions { SocketPath = directory.SocketPath }, backend);
        await server.StartAsync();

        var client = new AesmClient(directory.SocketPath, TimeSpan.FromSeconds(30));
        var inFlight = client.GetQuoteExAsync(new byte[SgxReport.Size], Key, null, (uint)backend.Quote.Length);
        using (var safetyNet = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (backend.QuotesInside == 0)
            {
                await Task.Delay(10, safetyNet.Token);
            }
        }
        var stopping = server.StopAsync();
        Assert.False(stopping.IsCompleted);
        release.SetResult();
        await stopping;

        Assert.Equal(0u, (await inFlight).ErrorCode);
        Assert.False(File.Exists(directory.SocketPath));
        var e = await Assert.ThrowsAsync<AesmTransportException>(() => client.GetSupportedAttKeyIdNumAsync());
        Assert.Equal(AesmTransportFailure.NotReachable, e.Kind);
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Stop_drops_clients_that_have_not_finished_sending()
    {
        using var directory = new TempDirectory();
        var server = new QuoteHelperServer(new QuoteHelperOptions { SocketPath = directory.SocketPath }, new CannedQuotingEnclave());
        await server.StartAsync();
        using var idle = await RawConnection.ConnectAsync(directory.SocketPath);
        await idle.SendAsync(AesmFrame.Encode(new Confcom.Aesm.Protocol.Messages.Request { GetSupportedAttKeyIDNumReq = new() })[..3]);
        await server.StopAsync();
        Assert.Empty(await idle.ReadToEndAsync());
        await server.DisposeAsync();
    }
}
