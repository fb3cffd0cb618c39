using Confcom.Attestation.Verification;

namespace Confcom.Attestation.Tests.Verification;

/// <summary>QVL accepts SGX quotes v3, v4 and v5 (dcap-qvl only v3): the same enclave evidence in each layout verifies.</summary>
public class QuoteVersionTests
{
    [Theory]
    [InlineData((ushort)3)]
    [InlineData((ushort)4)]
    [InlineData((ushort)5)]
    public void SgxQuoteOfEachVersionVerifiesWithTheChainFromItsCertificationData(ushort version)
    {
        using var pki = new TestPki(Samples.SgxTime);
        var quote = pki.RebuildAsVersion(Samples.SgxQuote(), version);
        // No pck_certificate_chain override: the chain comes from the (nested, for v4/v5) certification data.
        var collateral = pki.Resign(Samples.SgxCollateral()) with { PckCertificateChain = null };

        var result = new QuoteVerifier(new QuoteVerifierOptions { TrustAnchor = TrustAnchor.FromCertificate(pki.Root) })
            .Verify(quote, collateral, Samples.SgxTime);

        Assert.True(result.IsAccepted, result.FailureMessage);
        Assert.Equal(version, result.QuoteVersion);
        Assert.Equal(QuoteVerificationStatus.ConfigAndSwHardeningNeeded, result.Status);
        Assert.Equal(Convert.ToHexStringLower(Samples.SgxQuote().AsSpan(48 + 64, 32)), result.Enclave!.MrEnclave);
    }

    [Fact]
    public void UnsupportedVersionIsAFormatFailure()
    {
        var quote = Samples.SgxQuote();
        quote[0] = 2;
        var result = new QuoteVerifier().Verify(quote, Samples.SgxCollateral(), Samples.SgxTime);
        Assert.Equal(VerificationCheck.QuoteFormat, result.FailedCheck);
    }
}
