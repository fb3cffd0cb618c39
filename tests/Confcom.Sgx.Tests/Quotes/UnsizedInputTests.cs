using Confcom.Sgx.Collateral;
using Confcom.Sgx.Quotes;

namespace Confcom.Sgx.Tests.Quotes;

/// <summary>
/// Inputs whose size <c>stat</c> cannot tell (devices, pipes) are bounded while reading: <c>/dev/zero</c> is refused
/// at the limit instead of growing a buffer until the process runs out of memory.
/// </summary>
public class UnsizedInputTests
{
    [Fact]
    public void AnEndlessDeviceIsRefusedAsAQuoteAtTheLimit()
    {
        var error = Assert.ThrowsAny<IOException>(() => QuoteInput.Read("/dev/zero"));

        Assert.Contains("/dev/zero", error.Message, StringComparison.Ordinal);
        Assert.Contains("4,194,304 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEndlessDeviceIsRefusedAsACollateralBundle()
    {
        var error = Assert.ThrowsAny<IOException>(() => QuoteCollateral.Load("/dev/zero"));

        Assert.Contains("/dev/zero", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AQuoteExactlyAtTheLimitIsStillRead()
    {
        var path = Path.Combine(Path.GetTempPath(), $"confcom-limit-{Guid.NewGuid():N}.bin");
        try
        {
            var content = new byte[QuoteInput.MaxFileBytes];
            content[0] = 3; // binary: version 3, then NUL
            File.WriteAllBytes(path, content);

            Assert.Equal(QuoteInput.MaxFileBytes, QuoteInput.Read(path).Bytes.Length);

            File.WriteAllBytes(path, new byte[QuoteInput.MaxFileBytes + 1]);
            Assert.ThrowsAny<IOException>(() => QuoteInput.Read(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
