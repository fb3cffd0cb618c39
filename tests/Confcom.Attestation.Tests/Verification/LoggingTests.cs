using Confcom.Attestation.Verification;
using Microsoft.Extensions.Logging;

namespace Confcom.Attestation.Tests.Verification;

public class LoggingTests
{
    [Fact]
    public void RejectionIsLoggedWithTheCheckAndExpiryOncePerBundle()
    {
        var logger = new RecordingLogger<QuoteVerifier>();
        var verifier = new QuoteVerifier(logger: logger);
        var collateral = Samples.SgxCollateral();
        var later = Samples.SgxTime.AddYears(1);

        verifier.Verify(Samples.SgxQuote(), collateral, later);
        verifier.Verify(Samples.SgxQuote(), collateral, later.AddMinutes(1));
        var tampered = Samples.SgxQuote();
        tampered[440] ^= 1;
        verifier.Verify(tampered, collateral, Samples.SgxTime);

        var expiry = logger.Entries.Where(e => e.Id.Id == 3002).ToList();
        Assert.Single(expiry);
        Assert.Equal(LogLevel.Warning, expiry[0].Level);
        Assert.Contains("TCB Info (fmspc 00A067110000)", expiry[0].Message, StringComparison.Ordinal);

        var rejected = Assert.Single(logger.Entries, e => e.Id.Id == 3000);
        Assert.Contains("IsvSignature", rejected.Message, StringComparison.Ordinal);
        Assert.Contains("00A067110000", rejected.Message, StringComparison.Ordinal);
    }
}
