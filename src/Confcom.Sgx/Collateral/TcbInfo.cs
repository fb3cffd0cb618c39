using System.Text.Json;

namespace Confcom.Sgx.Collateral;

/// <summary>
/// TCB Info (v2 and v3, SGX and TDX; QVL <c>Json/TcbInfo.cpp</c>), both directions: <see cref="Parse"/> reads the
/// exact signed text (which itself stays in <see cref="QuoteCollateral.TcbInfo"/> for the signature check), and
/// <see cref="ToSignedText"/> writes it compactly in the key order Intel's PCS serves, for an issuer to sign.
/// </summary>
public sealed record TcbInfo
{
    /// <summary>"SGX" or "TDX" (v3); null in v2, which is SGX only.</summary>
    public string? Id { get; init; }

    public required int Version { get; init; }

    public required DateTimeOffset IssueDate { get; init; }

    public required DateTimeOffset NextUpdate { get; init; }

    /// <summary>6 bytes.</summary>
    public required byte[] Fmspc { get; init; }

    /// <summary>2 bytes as written in the JSON (big-endian hex).</summary>
    public required byte[] PceId { get; init; }

    public required int TcbType { get; init; }

    public required int TcbEvaluationDataNumber { get; init; }

    /// <summary>Levels in JSON order.</summary>
    public required IReadOnlyList<TcbLevel> TcbLevels { get; init; }

    public TdxModuleIdentity? TdxModule { get; init; }

    public IReadOnlyList<TdxModuleIdentity> TdxModuleIdentities { get; init; } = [];

    public bool IsTdx => Id == "TDX";

    public static TcbInfo Parse(string signedText)
    {
        const string doc = "TCB Info";
        using var json = CollateralJson.ParseDocument(signedText, doc);
        var root = json.RootElement;
        var version = CollateralJson.Int(root, "version", doc);
        if (version is not (2 or 3))
        {
            throw new FormatException($"{doc}: version {version} is not supported (2 or 3)");
        }
        string? id = version >= 3 ? CollateralJson.String(root, "id", doc) : null;
        if (id is not (null or "SGX" or "TDX"))
        {
            throw new FormatException($"{doc}: id '{id}' is neither SGX nor TDX");
        }
        var levels = new List<TcbLevel>();
        foreach (var level in CollateralJson.Property(root, "tcbLevels", doc).EnumerateArray())
        {
            levels.Add(ParseLevel(level, version, id == "TDX", doc));
        }
        if (levels.Count == 0)
        {
            throw new FormatException($"{doc}: tcbLevels is empty");
        }
        TdxModuleIdentity? module = null;
        var identities = new List<TdxModuleIdentity>();
        if (id == "TDX")
        {
            if (root.TryGetProperty("tdxModule", out var m))
            {
                module = ParseModule(m, withLevels: false, doc + " tdxModule");
            }
            if (root.TryGetProperty("tdxModuleIdentities", out var ids))
            {
                identities.AddRange(ids.EnumerateArray().Select(i => ParseModule(i, withLevels: true, doc + " tdxModuleIdentities")));
            }
        }
        return new TcbInfo
        {
            Id = id,
            Version = version,
            IssueDate = CollateralJson.Date(root, "issueDate", doc),
            NextUpdate = CollateralJson.Date(root, "nextUpdate", doc),
            Fmspc = CollateralJson.Hex(root, "fmspc", 6, doc),
            PceId = CollateralJson.Hex(root, "pceId", 2, doc),
            TcbType = CollateralJson.Int(root, "tcbType", doc),
            TcbEvaluationDataNumber = CollateralJson.Int(root, "tcbEvaluationDataNumber", doc),
            TcbLevels = levels,
            TdxModule = module,
            TdxModuleIdentities = identities,
        };
    }

    /// <summary>The compact JSON text of this TCB Info, in PCS key order: the bytes an issuer signs.</summary>
    public string ToSignedText() => CollateralJson.WriteObject(writer =>
    {
        if (Version >= 3)
        {
            writer.WriteString("id", Id ?? "SGX");
        }
        writer.WriteNumber("version", Version);
        writer.WriteString("issueDate", CollateralJson.FormatDate(IssueDate));
        writer.WriteString("nextUpdate", CollateralJson.FormatDate(NextUpdate));
        writer.WriteString("fmspc", Convert.ToHexString(Fmspc));
        writer.WriteString("pceId", Convert.ToHexString(PceId));
        writer.WriteNumber("tcbType", TcbType);
        writer.WriteNumber("tcbEvaluationDataNumber", TcbEvaluationDataNumber);
        if (TdxModule is not null)
        {
            writer.WritePropertyName("tdxModule");
            WriteModule(writer, TdxModule, withLevels: false);
        }
        if (TdxModuleIdentities.Count > 0)
        {
            writer.WriteStartArray("tdxModuleIdentities");
            foreach (var identity in TdxModuleIdentities)
            {
                WriteModule(writer, identity, withLevels: true);
            }
            writer.WriteEndArray();
        }
        writer.WriteStartArray("tcbLevels");
        foreach (var level in TcbLevels)
        {
            WriteLevel(writer, level, Version);
        }
        writer.WriteEndArray();
    });

    private static void WriteLevel(Utf8JsonWriter writer, TcbLevel level, int version)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("tcb");
        if (version == 2)
        {
            for (var i = 0; i < level.SgxComponents.Count; i++)
            {
                writer.WriteNumber($"sgxtcbcomp{i + 1:D2}svn", level.SgxComponents[i]);
            }
        }
        else
        {
            WriteComponents(writer, "sgxtcbcomponents", level.SgxComponents);
            if (level.TdxComponents.Count > 0)
            {
                WriteComponents(writer, "tdxtcbcomponents", level.TdxComponents);
            }
        }
        writer.WriteNumber("pcesvn", level.PceSvn);
        writer.WriteEndObject();
        CollateralJson.WriteLevelStatus(writer, level.TcbDate, level.Status, level.AdvisoryIds);
        writer.WriteEndObject();
    }

    private static void WriteComponents(Utf8JsonWriter writer, string name, IReadOnlyList<byte> components)
    {
        writer.WriteStartArray(name);
        foreach (var svn in components)
        {
            writer.WriteStartObject();
            writer.WriteNumber("svn", svn);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static void WriteModule(Utf8JsonWriter writer, TdxModuleIdentity module, bool withLevels)
    {
        writer.WriteStartObject();
        if (withLevels)
        {
            writer.WriteString("id", module.Id);
        }
        writer.WriteString("mrsigner", Convert.ToHexString(module.MrSigner));
        writer.WriteString("attributes", Convert.ToHexString(module.Attributes));
        writer.WriteString("attributesMask", Convert.ToHexString(module.AttributesMask));
        if (withLevels)
        {
            QeIdentity.WriteLevels(writer, module.TcbLevels);
        }
        writer.WriteEndObject();
    }

    private static TcbLevel ParseLevel(JsonElement level, int version, bool tdx, string doc)
    {
        var tcb = CollateralJson.Property(level, "tcb", doc);
        byte[] sgx;
        byte[] tdxComponents = [];
        if (version == 2)
        {
            sgx = new byte[16];
            for (var i = 0; i < 16; i++)
            {
                sgx[i] = Svn(CollateralJson.Int(tcb, $"sgxtcbcomp{i + 1:D2}svn", doc), doc);
            }
        }
        else
        {
            sgx = Components(CollateralJson.Property(tcb, "sgxtcbcomponents", doc), "sgxtcbcomponents", doc);
            if (tdx)
            {
                tdxComponents = Components(CollateralJson.Property(tcb, "tdxtcbcomponents", doc), "tdxtcbcomponents", doc);
            }
        }
        var pceSvn = CollateralJson.Int(tcb, "pcesvn", doc);
        if (pceSvn is < 0 or > ushort.MaxValue)
        {
            throw new FormatException($"{doc}: pcesvn {pceSvn} is out of range");
        }
        return new TcbLevel
        {
            SgxComponents = sgx,
            TdxComponents = tdxComponents,
            PceSvn = (ushort)pceSvn,
            TcbDate = CollateralJson.Date(level, "tcbDate", doc),
            Status = CollateralJson.Status(level, doc),
            AdvisoryIds = CollateralJson.OptionalStrings(level, "advisoryIDs", doc),
        };
    }

    private static byte[] Components(JsonElement array, string name, string doc)
    {
        if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() != 16)
        {
            throw new FormatException($"{doc}: '{name}' must be an array of 16 components");
        }
        return [.. array.EnumerateArray().Select(c => Svn(CollateralJson.Int(c, "svn", doc), doc))];
    }

    private static byte Svn(int value, string doc) =>
        value is >= 0 and <= 255 ? (byte)value : throw new FormatException($"{doc}: component SVN {value} is out of range 0..255");

    private static TdxModuleIdentity ParseModule(JsonElement module, bool withLevels, string doc) => new()
    {
        Id = withLevels ? CollateralJson.String(module, "id", doc) : null,
        MrSigner = CollateralJson.Hex(module, "mrsigner", 48, doc),
        Attributes = CollateralJson.Hex(module, "attributes", 8, doc),
        AttributesMask = CollateralJson.Hex(module, "attributesMask", 8, doc),
        TcbLevels = withLevels ? QeIdentity.ParseLevels(module, doc) : [],
    };
}
