using Confcom.Testing;
using Confcom.Aesm.Protocol;
using FsCheck.Xunit;
using Google.Protobuf;

namespace Confcom.Aesm.Tests.Protocol;

public class DecoderFuzzTests
{
    /// <summary>The server relies on this: arbitrary bytes either parse or fail with InvalidProtocolBufferException.</summary>
    [Property(MaxTest = 500)]
    public bool Arbitrary_bodies_parse_or_fail_cleanly(byte[] body)
    {
        try
        {
            var request = AesmMessageCodec.ParseRequest(body ?? []);
            _ = AesmMessageCodec.Classify(request);
            return true;
        }
        catch (InvalidProtocolBufferException)
        {
            return true;
        }
    }

    /// <summary>Mutated copies of a real captured request: same contract, closer to the real format than random bytes.</summary>
    [Property(MaxTest = 500)]
    public bool Mutated_captured_requests_parse_or_fail_cleanly(int position, byte value)
    {
        var body = WireVectors.QuoteRequest(new byte[432])[4..];
        body[(position & int.MaxValue) % body.Length] = value;
        try
        {
            _ = AesmMessageCodec.Classify(AesmMessageCodec.ParseRequest(body));
            return true;
        }
        catch (InvalidProtocolBufferException)
        {
            return true;
        }
    }
}
