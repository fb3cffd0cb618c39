using System.Text;
using Confcom.DevicePlugin.Transport;

namespace Confcom.DevicePlugin.Tests.Transport;

/// <summary>The header-block walk, on the HPACK forms grpc-go and .NET emit (RFC 7541 §6).</summary>
public sealed class Http2AuthorityRewriterTests
{
    private static readonly byte[] Path = Encoding.ASCII.GetBytes("/var/lib/kubelet/device-plugins/kubernetes.azure.com-sgx_epc_mem_in_MiB.sock");

    [Theory]
    [InlineData(0x41)] // with incremental indexing, name index 1 (grpc-go)
    [InlineData(0x01)] // without indexing (.NET)
    [InlineData(0x11)] // never indexed
    public void The_authority_value_becomes_localhost_and_the_other_fields_stay(byte representation)
    {
        // :method POST (indexed 3), :scheme http (indexed 6), :path literal, :authority <path>, te: trailers (literal name).
        byte[] block = [0x83, 0x86, 0x44, 0x03, .. "/x/"u8, representation, (byte)Path.Length, .. Path, 0x00, 0x02, .. "te"u8, 0x08, .. "trailers"u8];

        var rewritten = Http2AuthorityRewriter.Rewrite(block)!;

        byte[] expected = [0x83, 0x86, 0x44, 0x03, .. "/x/"u8, representation, 0x09, .. "localhost"u8, 0x00, 0x02, .. "te"u8, 0x08, .. "trailers"u8];
        Assert.Equal(expected, rewritten);
    }

    [Fact]
    public void A_Huffman_coded_authority_and_a_literal_authority_name_are_replaced_too()
    {
        byte[] huffman = [0x41, 0x83, 0xAA, 0xBB, 0xCC];
        byte[] literalName = [0x40, 0x0A, .. ":authority"u8, 0x03, .. "a/b"u8];

        Assert.Equal([0x41, 0x09, .. "localhost"u8], Http2AuthorityRewriter.Rewrite(huffman));
        Assert.Equal([0x40, 0x0A, .. ":authority"u8, 0x09, .. "localhost"u8], Http2AuthorityRewriter.Rewrite(literalName));
    }

    [Fact]
    public void A_block_that_cannot_be_walked_is_left_for_Kestrel_to_judge()
    {
        Assert.Null(Http2AuthorityRewriter.Rewrite([0x41, 0x7F]));
        Assert.Null(Http2AuthorityRewriter.Rewrite([0x41, 0x10, 0x61]));
    }
}
