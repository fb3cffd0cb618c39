using Confcom.Sgx.Pck;

namespace Confcom.Sgx.Tests.Pck;

/// <summary>
/// Seeded mutations of the real leaf's SGX extension (bit flips, byte changes, cuts, appended bytes) must decode or
/// raise PckExtensionFormatException — the verifier and inspect rely on that to report bad certificates cleanly.
/// </summary>
public class PckCertificateExtensionFuzzTests
{
    [Fact]
    public void MutatedExtensionsNeverThrowAnythingButTheFormatError()
    {
        using var leaf = SampleQuotePckLeaf.Load();
        var original = leaf.Extensions[SgxExtensionOids.SgxExtension]!.RawData;
        var random = new Random(13_1);
        var decoded = 0;
        for (var i = 0; i < 10_000; i++)
        {
            var der = (byte[])original.Clone();
            switch (random.Next(4))
            {
                case 0:
                    var bit = random.Next(der.Length * 8);
                    der[bit / 8] ^= (byte)(1 << (bit % 8));
                    break;
                case 1:
                    der[random.Next(der.Length)] = (byte)random.Next(256);
                    break;
                case 2:
                    der = der[..random.Next(der.Length)];
                    break;
                default:
                    der = [.. der, .. Enumerable.Range(0, random.Next(1, 8)).Select(_ => (byte)random.Next(256))];
                    break;
            }
            try
            {
                PckCertificateExtension.Parse(der);
                decoded++;
            }
            catch (PckExtensionFormatException)
            {
            }
            catch (Exception ex)
            {
                Assert.Fail($"iteration {i}: {ex.GetType().Name} escaped: {ex.Message}");
            }
        }
        Assert.InRange(decoded, 1, 9_999);
    }
}
