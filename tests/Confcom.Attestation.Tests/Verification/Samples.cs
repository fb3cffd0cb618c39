using Confcom.Attestation.Collateral;
using Confcom.TestData;
using Confcom.Sgx.Collateral;

namespace Confcom.Attestation.Tests.Verification;

/// <summary>The two real hardware quotes, their collateral and the instants the README says they verify at.</summary>
internal static class Samples
{
    public static readonly DateTimeOffset SgxTime = DateTimeOffset.FromUnixTimeSeconds(1752919277);
    public static readonly DateTimeOffset TdxTime = DateTimeOffset.FromUnixTimeSeconds(1752919234);

    public static byte[] SgxQuote() => File.ReadAllBytes(SampleQuoteFiles.Path("sgx_quote"));

    public static byte[] TdxQuote() => File.ReadAllBytes(SampleQuoteFiles.Path("tdx_quote"));

    public static QuoteCollateral SgxCollateral() => QuoteCollateral.Load(SampleQuoteFiles.Path("sgx_quote_collateral.json"));

    public static QuoteCollateral TdxCollateral() => QuoteCollateral.Load(SampleQuoteFiles.Path("tdx_quote_collateral.json"));
}
