using Confcom.Simulation.Reports;

namespace Confcom.Simulation.Tests.Reports;

public class AesCmacTests
{
    // RFC 4493 section 4 test vectors (AES-128, key 2b7e1516...).
    private const string Key = "2b7e151628aed2a6abf7158809cf4f3c";
    private const string Message64 =
        "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710";

    [Theory]
    [InlineData(0, "bb1d6929e95937287fa37d129b756746")]
    [InlineData(16, "070a16b46b4d4144f79bdd9dd04a287c")]
    [InlineData(40, "dfa66747de9ae63030ca32611497c827")]
    [InlineData(64, "51f0bebf7e3b9d92fc49741779363cfe")]
    public void MatchesRfc4493Vectors(int length, string expectedMac)
    {
        var message = Convert.FromHexString(Message64)[..length];
        var mac = AesCmac.Compute(Convert.FromHexString(Key), message);
        Assert.Equal(expectedMac, Convert.ToHexStringLower(mac));
        Assert.True(AesCmac.Verify(Convert.FromHexString(Key), message, mac));
    }

    [Fact]
    public void FlippedBitFailsVerification()
    {
        var message = Convert.FromHexString(Message64);
        var mac = AesCmac.Compute(Convert.FromHexString(Key), message);
        message[17] ^= 0x01;
        Assert.False(AesCmac.Verify(Convert.FromHexString(Key), message, mac));
    }
}
