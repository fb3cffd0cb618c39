using Confcom.Attestation.Verification;

namespace Confcom.Attestation.Tests.Verification;

/// <summary>
/// Seeded random multi-byte mutations anywhere in the SGX sample, certification data included: the verifier answers
/// with a result every time (no exception escapes), and a mutation inside the signed regions is never accepted.
/// </summary>
public class MutationFuzzTests
{
    [Fact]
    public void RandomMutationsNeverThrowAndNeverPassTheSignatures()
    {
        var verifier = new QuoteVerifier();
        var collateral = Samples.SgxCollateral();
        var original = Samples.SgxQuote();
        var random = new Random(4600);
        var accepted = new List<string>();
        for (var i = 0; i < 800; i++)
        {
            var quote = (byte[])original.Clone();
            var touchedSigned = false;
            var changes = random.Next(1, 6);
            for (var c = 0; c < changes; c++)
            {
                // Half of the mutations land in the certification data (PEM chain), half anywhere.
                var at = random.Next(2) == 0 ? random.Next(1052, quote.Length) : random.Next(quote.Length);
                var value = (byte)random.Next(256);
                touchedSigned |= at < 1046 && quote[at] != value;
                quote[at] = value;
            }
            if (random.Next(10) == 0)
            {
                quote = quote[..random.Next(quote.Length)];
                touchedSigned = true;
            }

            var result = verifier.Verify(quote, collateral, Samples.SgxTime);

            if (touchedSigned && result.IsAccepted)
            {
                accepted.Add($"iteration {i}");
            }
        }
        Assert.True(accepted.Count == 0, string.Join(", ", accepted));
    }

    [Fact]
    public void RandomMutationsOfTheCollateralNeverThrowAndAreRejected()
    {
        var verifier = new QuoteVerifier();
        var quote = Samples.SgxQuote();
        var original = Samples.SgxCollateral();
        var random = new Random(17);
        var accepted = new List<string>();
        for (var i = 0; i < 300; i++)
        {
            static byte[] Mutate(byte[] bytes, Random random)
            {
                var copy = (byte[])bytes.Clone();
                var at = random.Next(copy.Length);
                copy[at] ^= (byte)random.Next(1, 256);
                return copy;
            }
            static string MutatePem(string pem, Random random)
            {
                // Only inside base64 bodies, so the change is not whitespace the PEM reader may ignore.
                var chars = pem.ToCharArray();
                int at;
                do
                {
                    at = random.Next(chars.Length);
                }
                while (!char.IsAsciiLetterOrDigit(chars[at]) || pem.LastIndexOf('-', at) > pem.LastIndexOf('\n', at));
                chars[at] = chars[at] == 'A' ? 'B' : 'A';
                return new string(chars);
            }
            var field = random.Next(5);
            var mutated = field switch
            {
                0 => original with { RootCaCrl = Mutate(original.RootCaCrl, random) },
                1 => original with { PckCrl = Mutate(original.PckCrl, random) },
                2 => original with { TcbInfoIssuerChain = MutatePem(original.TcbInfoIssuerChain, random) },
                3 => original with { QeIdentityIssuerChain = MutatePem(original.QeIdentityIssuerChain, random) },
                _ => original with { PckCrlIssuerChain = MutatePem(original.PckCrlIssuerChain, random) },
            };

            var result = verifier.Verify(quote, mutated, Samples.SgxTime);

            if (result.IsAccepted)
            {
                accepted.Add($"iteration {i} field {field}");
            }
        }
        Assert.True(accepted.Count == 0, string.Join(", ", accepted));
    }
}
