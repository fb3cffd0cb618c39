
namespace Confcom.Sgx.Collateral;

/// <summary>
/// QE Identity v2 (<c>enclaveIdentity</c>; QVL <c>Verifiers/EnclaveIdentityV2.cpp</c>), both directions:
/// <see cref="Parse"/> reads the exact signed text, <see cref="ToSignedText"/> writes it in PCS key order.
/// </summary>
public sealed record QeIdentity
{
    /// <summary>"QE" (SGX), "TD_QE" (TDX) or "QVE".</summary>
    public required string Id { get; init; }

    /// <summary>The format version Intel gives the document.</summary>
    public required int Version { get; init; }

    /// <summary>When Intel issued this document (issueDate).</summary>
    public required DateTimeOffset IssueDate { get; init; }

    /// <summary>When Intel will issue the next one (nextUpdate); the document is expired after it.</summary>
    public required DateTimeOffset NextUpdate { get; init; }

    /// <summary>The TCB evaluation data number: a counter Intel raises at each TCB recovery.</summary>
    public required int TcbEvaluationDataNumber { get; init; }

    /// <summary>4 bytes in report byte order (like <see cref="Attributes"/>); compared bytewise under the mask.</summary>
    public required byte[] MiscSelect { get; init; }

    /// <summary>The MISCSELECT mask: which MISCSELECT bits must match.</summary>
    public required byte[] MiscSelectMask { get; init; }

    /// <summary>16 bytes, report byte order.</summary>
    public required byte[] Attributes { get; init; }

    /// <summary>The ATTRIBUTES mask: which ATTRIBUTES bits must match.</summary>
    public required byte[] AttributesMask { get; init; }

    /// <summary>MRSIGNER: the SHA-256 hash of the enclave signer's public key.</summary>
    public required byte[] MrSigner { get; init; }

    /// <summary>ISVPRODID: the product ID the enclave signer assigned.</summary>
    public required ushort IsvProdId { get; init; }

    /// <summary>Levels in JSON order (Intel serves highest ISVSVN first).</summary>
    public required IReadOnlyList<EnclaveTcbLevel> TcbLevels { get; init; }

    /// <summary>Reads the signed text; a missing or mistyped field is a <see cref="CollateralFormatException"/> naming its path.</summary>
    public static QeIdentity Parse(string signedText)
    {
        using var json = CollateralJson.ParseDocument(signedText, "QE Identity");
        var root = CollateralJsonField.Root(json, "QE Identity");
        var versionField = root.Property("version");
        var version = versionField.Int();
        if (version != 2)
        {
            throw versionField.Error($"is {version}, not a supported version (2)");
        }
        return new QeIdentity
        {
            Id = root.Property("id").String(),
            Version = version,
            IssueDate = root.Property("issueDate").Date(),
            NextUpdate = root.Property("nextUpdate").Date(),
            TcbEvaluationDataNumber = root.Property("tcbEvaluationDataNumber").Int(),
            MiscSelect = root.Property("miscselect").Hex(4),
            MiscSelectMask = root.Property("miscselectMask").Hex(4),
            Attributes = root.Property("attributes").Hex(16),
            AttributesMask = root.Property("attributesMask").Hex(16),
            MrSigner = root.Property("mrsigner").Hex(32),
            IsvProdId = (ushort)root.Property("isvprodid").Int(0, ushort.MaxValue),
            TcbLevels = ParseLevels(root.Property("tcbLevels")),
        };
    }

    /// <summary>The compact JSON text of this identity, in PCS key order: the bytes an issuer signs.</summary>
    public string ToSignedText() => CollateralJson.WriteObject(writer =>
    {
        writer.WriteString("id", Id);
        writer.WriteNumber("version", Version);
        writer.WriteString("issueDate", CollateralJson.FormatDate(IssueDate));
        writer.WriteString("nextUpdate", CollateralJson.FormatDate(NextUpdate));
        writer.WriteNumber("tcbEvaluationDataNumber", TcbEvaluationDataNumber);
        writer.WriteString("miscselect", Convert.ToHexString(MiscSelect));
        writer.WriteString("miscselectMask", Convert.ToHexString(MiscSelectMask));
        writer.WriteString("attributes", Convert.ToHexString(Attributes));
        writer.WriteString("attributesMask", Convert.ToHexString(AttributesMask));
        writer.WriteString("mrsigner", Convert.ToHexString(MrSigner));
        writer.WriteNumber("isvprodid", IsvProdId);
        WriteLevels(writer, TcbLevels);
    });

    internal static void WriteLevels(System.Text.Json.Utf8JsonWriter writer, IReadOnlyList<EnclaveTcbLevel> levels)
    {
        writer.WriteStartArray("tcbLevels");
        foreach (var level in levels)
        {
            writer.WriteStartObject();
            writer.WriteStartObject("tcb");
            writer.WriteNumber("isvsvn", level.IsvSvn);
            writer.WriteEndObject();
            CollateralJson.WriteLevelStatus(writer, level.TcbDate, level.Status, level.AdvisoryIds);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    internal static IReadOnlyList<EnclaveTcbLevel> ParseLevels(CollateralJsonField array)
    {
        var levels = new List<EnclaveTcbLevel>();
        foreach (var level in array.Items())
        {
            levels.Add(new EnclaveTcbLevel
            {
                IsvSvn = (ushort)level.Property("tcb").Property("isvsvn").Int(0, ushort.MaxValue),
                TcbDate = level.Property("tcbDate").Date(),
                Status = level.Property("tcbStatus").Status(),
                AdvisoryIds = level.OptionalStrings("advisoryIDs"),
            });
        }
        return levels;
    }
}
