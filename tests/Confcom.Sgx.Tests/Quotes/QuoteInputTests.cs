using System.Text;
using Confcom.Sgx.Quotes;

namespace Confcom.Sgx.Tests.Quotes;

public sealed class QuoteInputTests : IDisposable
{
    private readonly string _dir = Path.Combine("/tmp", "cc-" + Guid.NewGuid().ToString("N")[..8]);

    public QuoteInputTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void BinaryHexAndBase64FilesDecodeToTheSameQuote()
    {
        var raw = SampleQuotes.Sgx;
        var hexLines = string.Join("\n", Convert.ToHexString(raw).Chunk(64).Select(c => new string(c)));
        var base64Lines = string.Join("\r\n", Convert.ToBase64String(raw).Chunk(76).Select(c => new string(c)));

        AssertDecodes(raw, raw, QuoteInputEncoding.Binary);
        AssertDecodes(raw, Encoding.ASCII.GetBytes(hexLines + "\n"), QuoteInputEncoding.Hex);
        AssertDecodes(raw, Encoding.ASCII.GetBytes("0x" + Convert.ToHexString(raw).ToLowerInvariant()), QuoteInputEncoding.Hex);
        AssertDecodes(raw, Encoding.ASCII.GetBytes("  " + base64Lines + "\n"), QuoteInputEncoding.Base64);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData(" \n\t", "whitespace")]
    [InlineData("0x0300020", "odd number")]
    [InlineData("this is not a quote!", "unexpected character '!'")]
    [InlineData("AAEC", null)]
    public void TextThatIsNeitherHexNorBase64IsReported(string content, string? expected)
    {
        if (expected is null)
        {
            // "AAEC" is valid hex and valid base64: hex wins, deterministically.
            Assert.Equal(QuoteInputEncoding.Hex, QuoteInput.Read(Write(content)).Encoding);
            return;
        }
        var ex = Assert.Throws<QuoteInputFormatException>(() => QuoteInput.Read(Write(content)));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains(_dir, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedBase64IsReported()
    {
        var base64 = Convert.ToBase64String(SampleQuotes.Sgx);
        var ex = Assert.Throws<QuoteInputFormatException>(() => QuoteInput.Read(Write(base64[..^3])));
        Assert.Contains("length or padding", ex.Message, StringComparison.Ordinal);
    }

    private void AssertDecodes(byte[] expected, byte[] content, QuoteInputEncoding encoding)
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N")[..8]);
        File.WriteAllBytes(path, content);
        var input = QuoteInput.Read(path);
        Assert.Equal(encoding, input.Encoding);
        Assert.Equal(expected, input.Bytes);
    }

    private string Write(string content)
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N")[..8]);
        File.WriteAllText(path, content);
        return path;
    }
}
