using System.Globalization;
using System.Text;
using System.Text.Json;
using Confcom.Sgx.Structures;
using Confcom.Simulation.Quoting;

namespace Confcom.Simulation.Collateral;

/// <summary>
/// Writes TCB Info v3 and QE Identity v2 objects compactly in the key order Intel's PCS serves them
/// (aesm-dcap spec §5.1–5.2), since the signature covers this exact text.
/// </summary>
internal static class CollateralJson
{
    public const int TcbEvaluationDataNumber = 17;

    public static string TcbInfo(byte[] fmspc, byte[] pceId, DateTimeOffset issueDate, DateTimeOffset nextUpdate, IEnumerable<TcbLevel> levels) =>
        Write(writer =>
        {
            writer.WriteString("id", "SGX");
            writer.WriteNumber("version", 3);
            writer.WriteString("issueDate", Date(issueDate));
            writer.WriteString("nextUpdate", Date(nextUpdate));
            writer.WriteString("fmspc", Convert.ToHexString(fmspc));
            writer.WriteString("pceId", Convert.ToHexString(pceId));
            writer.WriteNumber("tcbType", 0);
            writer.WriteNumber("tcbEvaluationDataNumber", TcbEvaluationDataNumber);
            writer.WriteStartArray("tcbLevels");
            foreach (var level in levels)
            {
                writer.WriteStartObject();
                writer.WriteStartObject("tcb");
                writer.WriteStartArray("sgxtcbcomponents");
                foreach (var svn in level.Components)
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("svn", svn);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                writer.WriteNumber("pcesvn", level.PceSvn);
                writer.WriteEndObject();
                WriteStatus(writer, level.TcbDate, level.Status, level.AdvisoryIds);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        });

    public static string QeIdentity(DateTimeOffset issueDate, DateTimeOffset nextUpdate, IEnumerable<QeTcbLevel> levels) =>
        Write(writer =>
        {
            var attributes = new byte[16];
            SimulatedQe3.Attributes.Write(attributes);
            // Like Intel's: DEBUG (bit 1) and XFRM are masked out, the other flag bits must match.
            writer.WriteString("id", "QE");
            writer.WriteNumber("version", 2);
            writer.WriteString("issueDate", Date(issueDate));
            writer.WriteString("nextUpdate", Date(nextUpdate));
            writer.WriteNumber("tcbEvaluationDataNumber", TcbEvaluationDataNumber);
            writer.WriteString("miscselect", SimulatedQe3.MiscSelect.ToString("X8", CultureInfo.InvariantCulture));
            writer.WriteString("miscselectMask", "FFFFFFFF");
            writer.WriteString("attributes", Convert.ToHexString(attributes[..8]) + "0000000000000000");
            writer.WriteString("attributesMask", "FBFFFFFFFFFFFFFF0000000000000000");
            writer.WriteString("mrsigner", Convert.ToHexString(IntelQuotingEnclave.ProductionMrSigner));
            writer.WriteNumber("isvprodid", IntelQuotingEnclave.ProdId);
            writer.WriteStartArray("tcbLevels");
            foreach (var level in levels)
            {
                writer.WriteStartObject();
                writer.WriteStartObject("tcb");
                writer.WriteNumber("isvsvn", level.IsvSvn);
                writer.WriteEndObject();
                WriteStatus(writer, level.TcbDate, level.Status, level.AdvisoryIds);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        });

    /// <summary>ISO-8601 UTC to the second with a Z, as PCS writes dates.</summary>
    public static string Date(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void WriteStatus(Utf8JsonWriter writer, DateTimeOffset tcbDate, string status, IReadOnlyList<string> advisories)
    {
        writer.WriteString("tcbDate", Date(tcbDate));
        writer.WriteString("tcbStatus", status);
        if (advisories.Count > 0)
        {
            writer.WriteStartArray("advisoryIDs");
            foreach (var id in advisories)
            {
                writer.WriteStringValue(id);
            }
            writer.WriteEndArray();
        }
    }

    private static string Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false }))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
