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

    /// <summary>The format version Intel gives the document.</summary>
    public required int Version { get; init; }

    /// <summary>When Intel issued this document (issueDate).</summary>
    public required DateTimeOffset IssueDate { get; init; }

    /// <summary>When Intel will issue the next one (nextUpdate); the document is expired after it.</summary>
    public required DateTimeOffset NextUpdate { get; init; }

    /// <summary>6 bytes.</summary>
    public required byte[] Fmspc { get; init; }

    /// <summary>2 bytes as written in the JSON (big-endian hex).</summary>
    public required byte[] PceId { get; init; }

    /// <summary>The TCB type (0: the SGX TCB components then PCESVN).</summary>
    public required int TcbType { get; init; }

    /// <summary>The TCB evaluation data number: a counter Intel raises at each TCB recovery.</summary>
    public required int TcbEvaluationDataNumber { get; init; }

    /// <summary>Levels in JSON order.</summary>
    public required IReadOnlyList<TcbLevel> TcbLevels { get; init; }

    /// <summary>The TDX module.</summary>
    public TdxModuleIdentity? TdxModule { get; init; }

    /// <summary>The TDX module identities.</summary>
    public IReadOnlyList<TdxModuleIdentity> TdxModuleIdentities { get; init; } = [];

    /// <summary>Whether this is TDX.</summary>
    public bool IsTdx => Id == "TDX";

    /// <summary>Reads the signed text; a missing or mistyped field is a <see cref="CollateralFormatException"/> naming its path.</summary>
    public static TcbInfo Parse(string signedText)
    {
        using var json = CollateralJson.ParseDocument(signedText, "TCB Info");
        var root = CollateralJsonField.Root(json, "TCB Info");
        var versionField = root.Property("version");
        var version = versionField.Int();
        if (version is not (2 or 3))
        {
            throw versionField.Error($"is {version}, not a supported version (2 or 3)");
        }
        string? id = null;
        if (version >= 3)
        {
            var idField = root.Property("id");
            id = idField.String();
            if (id is not ("SGX" or "TDX"))
            {
                throw idField.Error($"'{id}' is neither SGX nor TDX");
            }
        }
        var levelsField = root.Property("tcbLevels");
        var levels = new List<TcbLevel>();
        foreach (var level in levelsField.Items())
        {
            levels.Add(ParseLevel(level, version, id == "TDX"));
        }
        if (levels.Count == 0)
        {
            throw levelsField.Error("is empty");
        }
        TdxModuleIdentity? module = null;
        var identities = new List<TdxModuleIdentity>();
        if (id == "TDX")
        {
            if (root.TryProperty("tdxModule", out var m))
            {
                module = ParseModule(m, withLevels: false);
            }
            if (root.TryProperty("tdxModuleIdentities", out var ids))
            {
                identities.AddRange(ids.Items().Select(i => ParseModule(i, withLevels: true)));
            }
        }
        return new TcbInfo
        {
            Id = id,
            Version = version,
            IssueDate = root.Property("issueDate").Date(),
            NextUpdate = root.Property("nextUpdate").Date(),
            Fmspc = root.Property("fmspc").Hex(6),
            PceId = root.Property("pceId").Hex(2),
            TcbType = root.Property("tcbType").Int(),
            TcbEvaluationDataNumber = root.Property("tcbEvaluationDataNumber").Int(),
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

    private static TcbLevel ParseLevel(CollateralJsonField level, int version, bool tdx)
    {
        var tcb = level.Property("tcb");
        byte[] sgx;
        byte[] tdxComponents = [];
        if (version == 2)
        {
            sgx = new byte[16];
            for (var i = 0; i < 16; i++)
            {
                sgx[i] = (byte)tcb.Property($"sgxtcbcomp{i + 1:D2}svn").Int(0, byte.MaxValue);
            }
        }
        else
        {
            sgx = Components(tcb.Property("sgxtcbcomponents"));
            if (tdx)
            {
                tdxComponents = Components(tcb.Property("tdxtcbcomponents"));
            }
        }
        return new TcbLevel
        {
            SgxComponents = sgx,
            TdxComponents = tdxComponents,
            PceSvn = (ushort)tcb.Property("pcesvn").Int(0, ushort.MaxValue),
            TcbDate = level.Property("tcbDate").Date(),
            Status = level.Property("tcbStatus").Status(),
            AdvisoryIds = level.OptionalStrings("advisoryIDs"),
        };
    }

    private static byte[] Components(CollateralJsonField array)
    {
        var items = array.Items();
        if (items.Count != 16)
        {
            throw array.Error($"must hold 16 components, found {items.Count}");
        }
        var svns = new byte[16];
        for (var i = 0; i < 16; i++)
        {
            svns[i] = (byte)items[i].Property("svn").Int(0, byte.MaxValue);
        }
        return svns;
    }

    private static TdxModuleIdentity ParseModule(CollateralJsonField module, bool withLevels) => new()
    {
        Id = withLevels ? module.Property("id").String() : null,
        MrSigner = module.Property("mrsigner").Hex(48),
        Attributes = module.Property("attributes").Hex(8),
        AttributesMask = module.Property("attributesMask").Hex(8),
        TcbLevels = withLevels ? QeIdentity.ParseLevels(module.Property("tcbLevels")) : [],
    };
}
