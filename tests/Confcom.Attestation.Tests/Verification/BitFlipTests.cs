using System.Text;
using Confcom.Attestation.Verification;
using Confcom.Sgx.Collateral;

namespace Confcom.Attestation.Tests.Verification;

/// <summary>
/// Exhaustive single-bit flips over everything the signatures and the binding protect: every bit of the SGX
/// sample's header, body, signature-data length, ISV signature, attestation key, QE report, QE report signature,
/// auth data (and the length/type fields around them), and of the collateral's signed TCB Info and QE Identity
/// texts and their signatures. Every flip must be rejected. One verifier with a warm cache keeps it fast.
/// </summary>
public class BitFlipTests
{
    private static readonly QuoteVerifier Verifier = new();

    [Theory]
    [InlineData("header", 0, 48)]
    [InlineData("report body", 48, 432)]
    [InlineData("signature data length", 432, 436)]
    [InlineData("ISV signature", 436, 500)]
    [InlineData("attestation key", 500, 564)]
    [InlineData("QE report", 564, 948)]
    [InlineData("QE report signature", 948, 1012)]
    [InlineData("auth data and its length", 1012, 1046)]
    [InlineData("certification data type and size", 1046, 1052)]
    public void EveryBitFlipInTheQuotesSignedRegionsIsRejected(string region, int start, int end)
    {
        var original = Samples.SgxQuote();
        var collateral = Samples.SgxCollateral();
        Assert.True(Verifier.Verify(original, collateral, Samples.SgxTime).IsAccepted);

        var accepted = new List<string>();
        for (var bit = start * 8; bit < end * 8; bit++)
        {
            var quote = (byte[])original.Clone();
            quote[bit / 8] ^= (byte)(1 << (bit % 8));
            var result = Verifier.Verify(quote, collateral, Samples.SgxTime);
            if (result.IsAccepted)
            {
                accepted.Add($"byte {bit / 8} bit {bit % 8}");
            }
        }
        Assert.True(accepted.Count == 0, $"{region}: accepted after flipping {string.Join(", ", accepted.Take(20))}");
    }

    [Fact]
    public void SampledBitFlipsInTheCertificationDataPemAreRejected()
    {
        // Every PEM bit would need a fresh X.509 chain build each (~36k); a seeded sample of them covers the
        // leaf, intermediate and root text.
        var original = Samples.SgxQuote();
        var collateral = Samples.SgxCollateral();
        var random = new Random(20261128);
        var accepted = new List<string>();
        for (var i = 0; i < 300; i++)
        {
            var bit = random.Next(1052 * 8, (original.Length - 1) * 8);
            var quote = (byte[])original.Clone();
            quote[bit / 8] ^= (byte)(1 << (bit % 8));
            if (Verifier.Verify(quote, collateral, Samples.SgxTime).IsAccepted)
            {
                accepted.Add($"byte {bit / 8} bit {bit % 8}");
            }
        }
        Assert.True(accepted.Count == 0, $"accepted after flipping {string.Join(", ", accepted.Take(20))}");
    }

    [Theory]
    [InlineData("tcb_info")]
    [InlineData("qe_identity")]
    public void EveryBitFlipInTheSignedJsonTextIsRejected(string field)
    {
        var quote = Samples.SgxQuote();
        var collateral = Samples.SgxCollateral();
        var text = Encoding.UTF8.GetBytes(field == "tcb_info" ? collateral.TcbInfo : collateral.QeIdentity);
        var accepted = new System.Collections.Concurrent.ConcurrentBag<string>();
        // Each flip is a new bundle (a cache miss that re-checks its signatures); the verifier is thread-safe, so
        // use both cores.
        Parallel.For(0, text.Length * 8, bit =>
        {
            var flipped = (byte[])text.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            var changed = Encoding.UTF8.GetString(flipped);
            var tampered = field == "tcb_info" ? collateral with { TcbInfo = changed } : collateral with { QeIdentity = changed };
            if (Verifier.Verify(quote, tampered, Samples.SgxTime).IsAccepted)
            {
                accepted.Add($"byte {bit / 8} bit {bit % 8}");
            }
        });
        Assert.True(accepted.Count == 0, $"{field}: accepted after flipping {string.Join(", ", accepted.Take(20))}");
    }

    [Theory]
    [InlineData("tcb_info_signature")]
    [InlineData("qe_identity_signature")]
    public void EveryBitFlipInTheCollateralSignaturesIsRejected(string field)
    {
        var quote = Samples.SgxQuote();
        var collateral = Samples.SgxCollateral();
        var signature = field == "tcb_info_signature" ? collateral.TcbInfoSignature : collateral.QeIdentitySignature;
        var accepted = new List<int>();
        for (var bit = 0; bit < signature.Length * 8; bit++)
        {
            var flipped = (byte[])signature.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            var tampered = field == "tcb_info_signature" ? collateral with { TcbInfoSignature = flipped } : collateral with { QeIdentitySignature = flipped };
            if (Verifier.Verify(quote, tampered, Samples.SgxTime).IsAccepted)
            {
                accepted.Add(bit);
            }
        }
        Assert.Empty(accepted);
    }
}
