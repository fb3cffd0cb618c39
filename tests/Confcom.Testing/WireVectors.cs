namespace Confcom.Testing;

/// <summary>
/// Frames captured from Intel's unmodified <c>libsgx_quote_ex</c> (intel/linux-sgx 90873a0c) talking to a canned
/// server, transcribed from /work/shared/specs/aesm-wire-vectors.md §6. Placeholders in the document
/// (&lt;K&gt;, &lt;report&gt;, ...) are spliced in from the byte patterns named there.
/// </summary>
public static class WireVectors
{
    /// <summary>The 256-byte att key id the client sent in every request (written out from the document, field by field).</summary>
    public static readonly byte[] K = Hex.Parse(
        "0000 0000 2000 8c4f5775d796503e96137f77c68a829a0056ac8ded70140b081b094490c57bff" + Zeros(16) +
        "01000000" + Zeros(16) + Zeros(64) + Zeros(16) + "02000000" + Zeros(16) + "0000" + Zeros(80));

    public static readonly byte[] SupportedNumRequest = Hex.Parse("06000000 aa01 03 | 48 9875");
    public static readonly byte[] SupportedNumResponse = Hex.Parse("07000000 aa01 04 | 08 00 | 10 01");

    public static readonly byte[] SupportedIdsRequest = Hex.Parse("09000000 b201 06 | 08 8002 | 48 9875");
    public static readonly byte[] SupportedIdsResponse = Hex.Concat(Hex.Parse("09010000 b201 8502 | 08 00 | 12 8002"), K);

    public static readonly byte[] SelectNullRequest = Hex.Parse("06000000 9a01 03 | 10 9875");
    public static readonly byte[] SelectResponse = Hex.Concat(Hex.Parse("09010000 9a01 8502 | 08 00 | 12 8002"), K);

    public static readonly byte[] SelectListRequest = Hex.Concat(
        Hex.Parse("12010000 9a01 8e02 | 0a 8802 0000 0000 01000000"), K, Hex.Parse("10 9875"));

    public static readonly byte[] InitRequest = Hex.Concat(Hex.Parse("0b010000 7a 8802 | 0a 8002"), K, Hex.Parse("18 00 | 48 9875"));

    public static readonly byte[] InitResponsePrefix = Hex.Parse("0a020000 7a 8704 | 08 00 | 12 8004");
    public static readonly byte[] InitResponseSuffix = Hex.Parse("18 20");

    public static readonly byte[] InitPubRequest = Hex.Concat(Hex.Parse("0d010000 7a 8a02 | 0a 8002"), K, Hex.Parse("18 01 | 20 20 | 48 9875"));

    public static readonly byte[] InitPubResponsePrefix = Hex.Parse("2c020000 7a a904 | 08 00 | 12 8004");
    public static readonly byte[] InitPubResponseMiddle = Hex.Parse("18 20 | 22 20");

    public static readonly byte[] SizeRequest = Hex.Concat(Hex.Parse("0a010000 8201 8602 | 0a 8002"), K, Hex.Parse("48 9875"));
    public static readonly byte[] SizeResponse = Hex.Parse("08000000 8201 05 | 08 00 | 10 fe24");

    /// <summary>4734, the quote size in the capture.</summary>
    public const int CapturedQuoteSize = 4734;

    public static byte[] QuoteRequest(byte[] report) => Hex.Concat(
        Hex.Parse("c0020000 8a01 bc05 | 0a b003"), report, Hex.Parse("12 8002"), K, Hex.Parse("20 fe24 | 48 9875"));

    public static readonly byte[] QuoteResponsePrefix = Hex.Parse("87120000 8a01 8325 | 08 00 | 12 fe24");

    public static byte[] QuoteWithInfoRequest(byte[] report, byte[] info) => Hex.Concat(
        Hex.Parse("83060000 8a01 ff0c | 0a b003"), report, Hex.Parse("12 8002"), K, Hex.Parse("1a c007"), info, Hex.Parse("20 fe24 | 48 9875"));

    public static readonly byte[] QuoteWithInfoResponsePrefix = Hex.Parse("4a160000 8a01 c62c | 08 00 | 12 fe24");
    public static readonly byte[] QuoteWithInfoResponseInfoTag = Hex.Parse("1a c007");

    public static readonly byte[] SizeErrorAttKeyNotInitialized = Hex.Parse("05000000 8201 02 08 2a");
    public static readonly byte[] InitErrorUnsupportedKey = Hex.Parse("04000000 7a 02 08 26");

    private static string Zeros(int count) => new('0', count * 2);
}
