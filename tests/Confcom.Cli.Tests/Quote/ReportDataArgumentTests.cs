using Confcom.Cli.Commands.Quoting;

namespace Confcom.Cli.Tests.Quoting;

public sealed class ReportDataArgumentTests
{
    [Theory]
    [InlineData("c0ffee")]
    [InlineData("0xC0FFEE")]
    [InlineData("  c0ffee ")]
    public void Hex_is_read_and_zero_padded_to_64_bytes(string text)
    {
        var bytes = ReportDataArgument.Parse(text);

        Assert.Equal(64, bytes.Length);
        Assert.Equal(new byte[] { 0xC0, 0xFF, 0xEE }, bytes[..3]);
        Assert.All(bytes[3..], b => Assert.Equal(0, b));
    }

    [Fact]
    public void Exactly_64_bytes_are_accepted_and_65_are_not()
    {
        Assert.Equal(64, ReportDataArgument.Parse(new string('a', 128)).Length);

        var ex = Assert.Throws<CliException>(() => ReportDataArgument.Parse(new string('a', 130)));
        Assert.Contains("at most 64 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("zz")]
    public void Odd_or_non_hex_input_is_refused(string text)
    {
        var ex = Assert.Throws<CliException>(() => ReportDataArgument.Parse(text));
        Assert.Contains("must be hex", ex.Message, StringComparison.Ordinal);
    }
}
