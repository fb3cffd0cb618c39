
namespace Confcom.Sgx.Collateral;

/// <summary>
/// QE Identity v2 (<c>enclaveIdentity</c>; QVL <c>Verifiers/EnclaveIdentityV2.cpp</c>), both directions:
/// <see cref="Parse"/> reads the exact signed text, <see cref="ToSignedText"/> writes it in PCS key order.
/// </summary>
public sealed record QeIdentity
{
    /// <summary>"QE" (SGX), "TD_QE" (TDX) or "QVE".</summary>
    public required string Id { get; init; }

    public required int Version { get; init; }

    public required DateTimeOffset IssueDate { get; init; }

    public required DateTimeOffset NextUpdate { get; init; }

    public required int TcbEvaluationDataNumber { get; init; }

    /// <summary>4 bytes in report byte order (like <see cref="Attributes"/>); compared bytewise under the mask.</summary>
    public required byte[] MiscSelect { get; init; }

    public required byte[] MiscSelectMask { get; init; }

    /// <summary>16 bytes, report byte order.</summary>
    public required byte[] Attributes { get; init; }

    public required byte[] AttributesMask { get; init; }

    public required byte[] MrSigner { get; init; }

    public required ushort IsvProdId { get; init; }

    /// <summary>Levels in JSON order (Intel serves highest ISVSVN first).</summary>
    public required IReadOnlyList<EnclaveTcbLevel> TcbLevels { get; init; }

    public static QeIdentity Parse(string signedText)
    {
        const string doc = "QE Identity";
        using var json = CollateralJson.ParseDocument(signedText, doc);
        var root = json.RootElement;
        var version = CollateralJson.Int(root, "version", doc);
        if (version != 2)
        {
            throw new FormatException($"{doc}: version {version} is not supported (2)");
        }
        var prodId = CollateralJson.Int(root, "isvprodid", doc);
        return new QeIdentity
        {
            Id = CollateralJson.String(root, "id", doc),
            Version = version,
            IssueDate = CollateralJson.Date(root, "issueDate", doc),
            NextUpdate = CollateralJson.Date(root, "nextUpdate", doc),
            TcbEvaluationDataNumber = CollateralJson.Int(root, "tcbEvaluationDataNumber", doc),
            MiscSelect = CollateralJson.Hex(root, "miscselect", 4, doc),
            MiscSelectMask = CollateralJson.Hex(root, "miscselectMask", 4, doc),
            Attributes = CollateralJson.Hex(root, "attributes", 16, doc),
            AttributesMask = CollateralJson.Hex(root, "attributesMask", 16, doc),
            MrSigner = CollateralJson.Hex(root, "mrsigner", 32, doc),
            IsvProdId = prodId is >= 0 and <= ushort.MaxValue ? (ushort)prodId : throw new FormatException($"{doc}: isvprodid {prodId} is out of range"),
            TcbLevels = ParseLevels(root, doc),
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

    internal static IReadOnlyList<EnclaveTcbLevel> ParseLevels(System.Text.Json.JsonElement owner, string doc)
    {
        var levels = new List<EnclaveTcbLevel>();
        foreach (var level in CollateralJson.Property(owner, "tcbLevels", doc).EnumerateArray())
        {
            var svn = CollateralJson.Int(CollateralJson.Property(level, "tcb", doc), "isvsvn", doc);
            levels.Add(new EnclaveTcbLevel
            {
                IsvSvn = svn is >= 0 and <= ushort.MaxValue ? (ushort)svn : throw new FormatException($"{doc}: isvsvn {svn} is out of range"),
                TcbDate = CollateralJson.Date(level, "tcbDate", doc),
                Status = CollateralJson.Status(level, doc),
                AdvisoryIds = CollateralJson.OptionalStrings(level, "advisoryIDs", doc),
            });
        }
        return levels;
    }
}
