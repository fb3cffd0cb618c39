using Confcom.TestData;

namespace Confcom.Sgx.Tests.Quotes;

/// <summary>
/// The real-hardware sample quotes in tests/testdata/quotes (from dcap-qvl, MIT; see its README).
/// </summary>
internal static class SampleQuotes
{
    public static byte[] Sgx => File.ReadAllBytes(SampleQuoteFiles.Path("sgx_quote"));

    public static byte[] Tdx => File.ReadAllBytes(SampleQuoteFiles.Path("tdx_quote"));
}
