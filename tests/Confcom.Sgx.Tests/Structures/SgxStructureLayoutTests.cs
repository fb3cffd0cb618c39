using Confcom.Sgx;
using Confcom.Sgx.Structures;

namespace Confcom.Sgx.Tests.Structures;

public class SgxStructureLayoutTests
{
    [Fact]
    public void ReportBodyFieldsLandAtTheirSdkOffsets()
    {
        var body = new SgxReportBodyBuilder
        {
            MiscSelect = 0x11223344,
            MrEnclave = Enumerable.Repeat((byte)0xAA, 32).ToArray(),
            MrSigner = Enumerable.Repeat((byte)0xBB, 32).ToArray(),
            IsvProdId = 0x0102,
            IsvSvn = 0x0304,
            Attributes = new SgxAttributes(SgxAttributes.FlagInit | SgxAttributes.FlagDebug, 0xE7),
            ReportData = [1, 2, 3],
        }.Build();

        var raw = body.ToArray();
        Assert.Equal(384, raw.Length);
        Assert.Equal(new byte[] { 0x44, 0x33, 0x22, 0x11 }, raw[16..20]);
        Assert.Equal(0x03, raw[48]); // flags INIT|DEBUG, little-endian
        Assert.Equal(0xE7, raw[56]); // xfrm
        Assert.All(raw[64..96], b => Assert.Equal(0xAA, b));
        Assert.All(raw[128..160], b => Assert.Equal(0xBB, b));
        Assert.Equal(new byte[] { 0x02, 0x01, 0x04, 0x03 }, raw[256..260]);
        Assert.Equal(new byte[] { 1, 2, 3, 0 }, raw[320..324]);
        Assert.True(SgxReportBody.Parse(raw).IsDebug);
    }

    [Fact]
    public void DefaultKeyIdCarriesQe3IdentityAndMatchesOnlyOnItsComparedPrefix()
    {
        var key = SgxAttestationKeyId.DefaultEcdsaP256.ToArray();
        Assert.Equal(256, key.Length);
        Assert.Equal(32, key[4]);
        Assert.Equal(Convert.FromHexString("8C4F5775D796503E96137F77C68A829A0056AC8DED70140B081B094490C57BFF"), key[6..38]);
        Assert.Equal(1, key[54]);
        Assert.Equal(2, key[154]);

        var extDiffers = (byte[])key.Clone();
        extDiffers[200] = 0xFF; // reserved part: not compared by AESM
        Assert.True(SgxAttestationKeyId.DefaultEcdsaP256.Matches(extDiffers));

        var algorithmDiffers = (byte[])key.Clone();
        algorithmDiffers[154] = 3;
        Assert.False(SgxAttestationKeyId.DefaultEcdsaP256.Matches(algorithmDiffers));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(431)]
    [InlineData(433)]
    public void ReportOfWrongLengthIsRejectedWithTheStructureName(int length)
    {
        var ex = Assert.Throws<SgxFormatException>(() => SgxReport.Parse(new byte[length]));
        Assert.Contains("sgx_report_t", ex.Message);
        Assert.Contains(length.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message);
    }

    [Fact]
    public void QeReportInfoRoundTripsThroughItsWireLayout()
    {
        var nonce = Enumerable.Range(0, 16).Select(i => (byte)i).ToArray();
        var target = SgxTargetInfo.Create(Enumerable.Repeat((byte)7, 32).ToArray(), SgxAttributes.Production64, 0);
        var raw = SgxQeReportInfo.Create(nonce, target).ToArray();
        Assert.Equal(960, raw.Length);
        Assert.Equal(nonce, raw[..16]);
        Assert.All(raw[16..48], b => Assert.Equal(7, b));
        var parsed = SgxQeReportInfo.Parse(raw);
        Assert.Equal(target.ToArray(), parsed.AppEnclaveTargetInfo.ToArray());
    }
}
