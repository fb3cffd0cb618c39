using System.Security.Cryptography.X509Certificates;
using System.Text;
using Confcom.Sgx.Tests.Quotes;

namespace Confcom.Sgx.Tests.Pck;

/// <summary>
/// The PCK leaf certificate inside the real SGX sample quote, cut out of the raw file at the v3 cert data offset
/// (1052 = 1014 + 32 auth bytes + 6) without going through the quote codec.
/// </summary>
internal static class SampleQuotePckLeaf
{
    public static X509Certificate2 Load()
    {
        var raw = SampleQuotes.Sgx;
        var pem = Encoding.ASCII.GetString(raw.AsSpan(1052).TrimEnd((byte)0));
        var chain = new X509Certificate2Collection();
        chain.ImportFromPem(pem);
        return chain[0];
    }
}
