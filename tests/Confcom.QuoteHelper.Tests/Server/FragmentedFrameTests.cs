using Confcom.Aesm.Protocol;
using Confcom.QuoteHelper.Tests.Support;
using Confcom.Testing;
using Google.Protobuf;

namespace Confcom.QuoteHelper.Tests.Server;

public class FragmentedFrameTests
{
    /// <summary>Captured request frames cut at seeded random points and sent piece by piece still get the same reply.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task Frames_split_anywhere_are_reassembled(int seed)
    {
        await using var server = await RunningServer.StartAsync(new CannedQuotingEnclave { Quote = new byte[WireVectors.CapturedQuoteSize] });
        var random = new Random(seed);
        foreach (var (request, reply) in new[]
        {
            (WireVectors.SizeRequest, WireVectors.SizeResponse),
            (WireVectors.SupportedIdsRequest, WireVectors.SupportedIdsResponse),
            (WireVectors.SelectListRequest, WireVectors.SelectResponse),
        })
        {
            using var connection = await RawConnection.ConnectAsync(server.SocketPath);
            var offset = 0;
            while (offset < request.Length)
            {
                var piece = Math.Min(request.Length - offset, random.Next(1, 40));
                await connection.SendAsync(request[offset..(offset + piece)]);
                offset += piece;
                await Task.Delay(random.Next(0, 3));
            }
            Assert.Equal(reply, await connection.ReadToEndAsync());
        }
    }

    [Fact]
    public async Task Random_bodies_never_stop_the_service()
    {
        await using var server = await RunningServer.StartAsync(new CannedQuotingEnclave());
        var random = new Random(42);
        for (var i = 0; i < 50; i++)
        {
            var body = new byte[random.Next(1, 300)];
            random.NextBytes(body);
            using var connection = await RawConnection.ConnectAsync(server.SocketPath);
            await connection.SendAsync([.. BitConverter.GetBytes((uint)body.Length), .. body]);
            var reply = await connection.ReadToEndAsync();
            if (reply.Length > 0)
            {
                // Random bytes that happen to form a recognised request get a reply in the matching field.
                Assert.Equal(reply.Length - 4, (int)BitConverter.ToUInt32(reply));
                var kind = AesmMessageCodec.Classify(AesmMessageCodec.ParseRequest(body));
                var tag = new CodedInputStream(reply[4..]).ReadTag();
                Assert.Equal((int)kind, WireFormat.GetTagFieldNumber(tag));
            }
        }
        Assert.Equal(0u, (await server.Client().GetSupportedAttKeyIdNumAsync()).ErrorCode);
    }
}
