using Confcom.DevicePlugin.Resources;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Confcom.DevicePlugin.Tests.Resources;

public sealed class CompactDeviceIdTests
{
    [Theory]
    [InlineData(0, "0")]
    [InlineData(9, "9")]
    [InlineData(10, "A")]
    [InlineData(63, "_")]
    [InlineData(64, "00")]
    [InlineData(65, "01")]
    [InlineData(64 + 4095, "__")]
    [InlineData(64 + 4096, "000")]
    public void ShortestIdsComeFirst(int index, string id)
    {
        Assert.Equal(id, CompactDeviceId.Encode(index));
        Assert.True(CompactDeviceId.TryDecode(id, out var decoded));
        Assert.Equal(index, decoded);
    }

    [Property]
    public Property EveryIndexRoundTrips() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), i => CompactDeviceId.TryDecode(CompactDeviceId.Encode(i), out var back) && back == i);

    [Theory]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("sgx-enclave-1")]
    [InlineData("+")]
    [InlineData("_______")]
    public void RejectsWhatItNeverIssues(string id) => Assert.False(CompactDeviceId.TryDecode(id, out _));

    [Fact]
    public void A256GiBEpcNeedsAtMostThreeSymbolsAndNoDuplicates()
    {
        var ids = Enumerable.Range(0, 262_144).Select(CompactDeviceId.Encode).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.InRange(id.Length, 1, 3));
        Assert.Equal(64 + (4096 * 2) + ((262_144 - 4160) * 3), ids.Sum(id => id.Length));
    }
}
