using Confcom.Sgx.Quotes;
using Confcom.Sgx.Structures;

namespace Confcom.Sgx.Tests.Quotes;

/// <summary>Builds quotes of every layout from seeded random field values, so each field has distinct bytes.</summary>
internal static class SyntheticQuotes
{
    public static byte[] Build(ushort version, TeeType teeType, QuoteBodyType bodyType, CertificationDataType certType, int seed, int authLength = 32, int certLength = 100)
    {
        var random = new Random(seed);
        var header = QuoteHeader.Create(version, teeType, (ushort)random.Next(ushort.MaxValue), (ushort)random.Next(ushort.MaxValue), Bytes(random, 20), Bytes(random, 16));
        return QuoteSerializer.Serialize(header, Body(random, bodyType), SignatureData(random, certType, authLength, certLength));
    }

    public static QuoteBody Body(Random random, QuoteBodyType bodyType) => bodyType switch
    {
        QuoteBodyType.SgxReport => SgxReportBody.Parse(Bytes(random, SgxReportBody.Size)),
        QuoteBodyType.TdReport10 => TdReportBody.Parse(Bytes(random, TdReportBody.Size10)),
        _ => TdReportBody.Parse(Bytes(random, TdReportBody.Size15)),
    };

    public static EcdsaQuoteSignatureData SignatureData(Random random, CertificationDataType certType, int authLength, int certLength) =>
        new(Bytes(random, 64), Bytes(random, 64), new QeReportCertificationData(
            SgxReportBody.Parse(Bytes(random, SgxReportBody.Size)),
            Bytes(random, 64),
            Bytes(random, authLength),
            new CertificationData(certType, Bytes(random, certLength))));

    public static byte[] Bytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
