using Confcom.DevicePlugin.Platform;

namespace Confcom.DevicePlugin.Tests.Platform;

public sealed class EpcSizeTests
{
    [Theory]
    [InlineData("128MiB", 134217728UL)]
    [InlineData("8GiB", 8589934592UL)]
    [InlineData("256Gi", 274877906944UL)]
    [InlineData(" 512KiB ", 524288UL)]
    [InlineData("64mib", 67108864UL)]
    public void ParsesBinaryUnits(string text, ulong bytes) => Assert.Equal(bytes, EpcSize.Parse(text));

    [Theory]
    [InlineData("128")]
    [InlineData("128MB")]
    [InlineData("0MiB")]
    [InlineData("-1GiB")]
    [InlineData("1.5GiB")]
    [InlineData("99999999999999999999GiB")]
    public void RejectsAnythingElseWithTheAcceptedForm(string text)
    {
        var ex = Assert.Throws<FormatException>(() => EpcSize.Parse(text));
        Assert.Contains("128MiB", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(134217728UL, "128 MiB")]
    [InlineData(98041856UL, "95744 KiB")]
    [InlineData(274877906944UL, "256 GiB")]
    [InlineData(1000UL, "1000 bytes")]
    public void FormatsWithTheLargestExactUnit(ulong bytes, string text) => Assert.Equal(text, EpcSize.Format(bytes));
}
