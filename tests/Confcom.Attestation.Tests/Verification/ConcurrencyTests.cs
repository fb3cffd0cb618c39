using Confcom.Attestation.Verification;

namespace Confcom.Attestation.Tests.Verification;

/// <summary>One verifier shared by many threads (as in an attestation service) gives every caller the right answer.</summary>
public class ConcurrencyTests
{
    [Fact]
    public async Task SharedVerifierAnswersConcurrentCallersCorrectly()
    {
        var verifier = new QuoteVerifier();
        var collateral = Samples.SgxCollateral();
        var good = Samples.SgxQuote();
        var badIsv = Samples.SgxQuote();
        badIsv[440] ^= 1;
        var badQe = Samples.SgxQuote();
        badQe[600] ^= 1;

        var workers = Enumerable.Range(0, 4).Select(worker => Task.Run(() =>
        {
            var wrong = 0;
            for (var i = 0; i < 150; i++)
            {
                var (quote, expected) = ((i + worker) % 3) switch
                {
                    0 => (good, (VerificationCheck?)null),
                    1 => (badIsv, VerificationCheck.IsvSignature),
                    _ => (badQe, VerificationCheck.QeReportSignature),
                };
                var result = verifier.Verify(quote, collateral, Samples.SgxTime);
                if (result.FailedCheck != expected || (expected is null && result.Status != QuoteVerificationStatus.ConfigAndSwHardeningNeeded))
                {
                    wrong++;
                }
            }
            return wrong;
        })).ToArray();

        var wrongAnswers = await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.All(wrongAnswers, w => Assert.Equal(0, w));
    }
}
