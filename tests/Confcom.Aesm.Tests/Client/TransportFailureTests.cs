using Confcom.Aesm.Client;
using Confcom.Testing;

namespace Confcom.Aesm.Tests.Client;

public class TransportFailureTests
{
    [Fact]
    public async Task Missing_socket_is_NotReachable_and_names_the_path()
    {
        using var directory = new TempDirectory();
        var client = new AesmClient(directory.SocketPath);
        var e = await Assert.ThrowsAsync<AesmTransportException>(() => client.GetSupportedAttKeyIdNumAsync());
        Assert.Equal(AesmTransportFailure.NotReachable, e.Kind);
        Assert.Contains(directory.SocketPath, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Silent_service_is_a_Timeout()
    {
        await using var peer = new CapturingAesmPeer(_ => null, silent: true);
        var client = new AesmClient(peer.SocketPath, TimeSpan.FromMilliseconds(300));
        var e = await Assert.ThrowsAsync<AesmTransportException>(() => client.GetSupportedAttKeyIdNumAsync());
        Assert.Equal(AesmTransportFailure.Timeout, e.Kind);
        Assert.Contains(peer.SocketPath, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Close_without_reply_is_ClosedWithoutReply()
    {
        await using var peer = new CapturingAesmPeer(_ => null);
        var e = await Assert.ThrowsAsync<AesmTransportException>(() => new AesmClient(peer.SocketPath).GetSupportedAttKeyIdNumAsync());
        Assert.Equal(AesmTransportFailure.ClosedWithoutReply, e.Kind);
    }

    [Fact]
    public async Task Reply_of_the_wrong_type_is_MalformedReply()
    {
        // A GetQuoteSizeExRes in answer to GetSupportedAttKeyIDNum: Intel's client would crash on it.
        await using var peer = new CapturingAesmPeer(_ => WireVectors.SizeResponse);
        var e = await Assert.ThrowsAsync<AesmTransportException>(() => new AesmClient(peer.SocketPath).GetSupportedAttKeyIdNumAsync());
        Assert.Equal(AesmTransportFailure.MalformedReply, e.Kind);
    }

    [Fact]
    public async Task Reply_that_is_not_protobuf_is_MalformedReply()
    {
        await using var peer = new CapturingAesmPeer(_ => Hex.Parse("03000000 ffffff"));
        var e = await Assert.ThrowsAsync<AesmTransportException>(() => new AesmClient(peer.SocketPath).GetSupportedAttKeyIdNumAsync());
        Assert.Equal(AesmTransportFailure.MalformedReply, e.Kind);
    }

    [Fact]
    public async Task Reply_cut_short_is_ClosedWithoutReply()
    {
        await using var peer = new CapturingAesmPeer(_ => WireVectors.SupportedNumResponse[..8]);
        var e = await Assert.ThrowsAsync<AesmTransportException>(() => new AesmClient(peer.SocketPath).GetSupportedAttKeyIdNumAsync());
        Assert.Equal(AesmTransportFailure.ClosedWithoutReply, e.Kind);
    }
}
