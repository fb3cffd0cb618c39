using Confcom.DevicePlugin.Platform;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Confcom.DevicePlugin.Tests.Platform;

public sealed class SgxCpuidDecoderTests
{
    [Fact]
    public void OneSectionCoffeeLakeDecodesBitsSizesAndTheSection()
    {
        var f = SgxCpuidDecoder.Decode(CpuLayouts.CoffeeLakeOneSection());

        Assert.True(f.Sgx);
        Assert.True(f.FlexibleLaunchControl);
        Assert.True(f.Sgx1);
        Assert.False(f.Sgx2);
        Assert.Equal(0x1F, f.MaxEnclaveSizeLog2Not64);
        Assert.Equal(0x24, f.MaxEnclaveSizeLog2Mode64);
        var section = Assert.Single(f.EpcSections);
        Assert.Equal(0x70200000UL, section.BaseAddress);
        Assert.Equal(93UL * 1024 * 1024 + 512 * 1024, section.SizeBytes);
    }

    [Fact]
    public void SectionsAbove4GiBUseTheHighBitsInEbxAndEdx()
    {
        var f = SgxCpuidDecoder.Decode(CpuLayouts.IceLakeTwoSocketsAbove4GiB());

        Assert.True(f.Sgx2);
        Assert.Equal(2, f.EpcSections.Count);
        Assert.Equal(0x80_0000_0000UL, f.EpcSections[0].BaseAddress);
        Assert.Equal(0x100_0000_0000UL, f.EpcSections[1].BaseAddress);
        Assert.All(f.EpcSections, s => Assert.Equal(64UL << 30, s.SizeBytes));
        Assert.Equal(128UL << 30, f.TotalEpcBytes);
    }

    [Fact]
    public void NoSgxMeansNoSectionsEvenIfLeaf12HasData()
    {
        var cpuid = CpuLayouts.NoSgx().With(0x12, 2, 0x70200001, 0, 0x05D80001, 0);

        var f = SgxCpuidDecoder.Decode(cpuid);

        Assert.False(f.Sgx);
        Assert.Empty(f.EpcSections);
    }

    [Fact]
    public void HiddenLeaf12LeavesSgxFlaggedButNoEpc()
    {
        var f = SgxCpuidDecoder.Decode(CpuLayouts.HiddenSgxLeaf());

        Assert.True(f.Sgx);
        Assert.False(f.SgxLeafAvailable);
        Assert.Empty(f.EpcSections);
    }

    [Fact]
    public void AnUnknownSubLeafTypeEndsTheList()
    {
        var cpuid = CpuLayouts.CoffeeLakeOneSection()
            .With(0x12, 3, 0x00000002, 0, 0x01000001, 0)
            .With(0x12, 4, 0x80000001, 0, 0x01000001, 0);

        Assert.Single(SgxCpuidDecoder.Decode(cpuid).EpcSections);
    }

    [Fact]
    public void AtMostEightSectionsAreRead()
    {
        var cpuid = CpuLayouts.CoffeeLakeOneSection();
        for (var i = 0u; i < 12; i++)
        {
            cpuid.With(0x12, 2 + i, 0x10000001 + (i << 24), 0, 0x00100001, 0);
        }

        Assert.Equal(SgxCpuidDecoder.MaxEpcSections, SgxCpuidDecoder.Decode(cpuid).EpcSections.Count);
    }

    [Property]
    public Property AnyPageAlignedSectionBelow4PiBRoundTrips()
    {
        var page = Gen.Choose(0, int.MaxValue).Select(x => (ulong)x);
        var address = Gen.Zip(page, Gen.Choose(0, 0x1FF)).Select(t => ((t.Item1 << 12) | ((ulong)t.Item2 << 43)) & 0x000F_FFFF_FFFF_F000UL);
        return Prop.ForAll(Arb.From(Gen.Zip(address, address)), pair =>
        {
            var (baseAddress, size) = pair;
            // Encoded the way the SDM lays it out: bits 31:12 in EAX/ECX, bits 51:32 in EBX/EDX, type 1 in the low nibble.
            var cpuid = CpuLayouts.CoffeeLakeOneSection().With(0x12, 2,
                (uint)(baseAddress & 0xFFFFF000) | 1, (uint)(baseAddress >> 32), (uint)(size & 0xFFFFF000) | 1, (uint)(size >> 32));
            var section = SgxCpuidDecoder.Decode(cpuid).EpcSections.Single();
            return section.BaseAddress == baseAddress && section.SizeBytes == size;
        });
    }
}
