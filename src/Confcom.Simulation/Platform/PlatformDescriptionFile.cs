using System.Text.Json;
using System.Text.Json.Serialization;
using Confcom.Sgx.Pck;

namespace Confcom.Simulation.Platform;

/// <summary><c>platform.json</c>: the node's <see cref="SimulatedPlatformDescription"/> with byte fields as hex.</summary>
internal static partial class PlatformDescriptionFile
{
    public const string FileName = "platform.json";

    public static string ToJson(SimulatedPlatformDescription platform) => JsonSerializer.Serialize(new Document
    {
        Fmspc = Convert.ToHexString(platform.Fmspc),
        PceId = Convert.ToHexString(platform.PceId),
        Ppid = Convert.ToHexString(platform.Ppid),
        CpuSvn = Convert.ToHexString(platform.CpuSvn),
        TcbComponents = platform.TcbComponents.Select(b => (int)b).ToArray(),
        PceSvn = platform.PceSvn,
        SgxType = platform.SgxType.ToString(),
        PlatformInstanceId = Convert.ToHexString(platform.PlatformInstanceId),
        DynamicPlatform = platform.DynamicPlatform,
        CachedKeys = platform.CachedKeys,
        SmtEnabled = platform.SmtEnabled,
        QeId = Convert.ToHexString(platform.QeId),
        QeSvn = platform.QeSvn,
    }, DocumentJsonContext.Default.Document) + "\n";

    /// <summary>Parses and validates; any problem is a <see cref="FormatException"/> saying which field.</summary>
    public static SimulatedPlatformDescription Parse(string json)
    {
        Document document;
        try
        {
            document = JsonSerializer.Deserialize(json, DocumentJsonContext.Default.Document) ?? throw new FormatException("the file holds JSON null");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"not a platform description: {ex.Message}", ex);
        }
        if (document.TcbComponents.Length != 16 || document.TcbComponents.Any(c => c is < 0 or > 255))
        {
            throw new FormatException("tcbComponents must be 16 numbers 0..255");
        }
        if (document.PceSvn is < 0 or > ushort.MaxValue || document.QeSvn is < 0 or > ushort.MaxValue)
        {
            throw new FormatException("pceSvn and qeSvn must be 0..65535");
        }
        if (!Enum.TryParse<SgxType>(document.SgxType, out var sgxType))
        {
            throw new FormatException($"sgxType '{document.SgxType}' is not Standard, Scalable or ScalableWithIntegrity");
        }
        var platform = new SimulatedPlatformDescription
        {
            Fmspc = Hex(document.Fmspc, "fmspc"),
            PceId = Hex(document.PceId, "pceId"),
            Ppid = Hex(document.Ppid, "ppid"),
            CpuSvn = Hex(document.CpuSvn, "cpuSvn"),
            TcbComponents = document.TcbComponents.Select(c => (byte)c).ToArray(),
            PceSvn = (ushort)document.PceSvn,
            SgxType = sgxType,
            PlatformInstanceId = Hex(document.PlatformInstanceId, "platformInstanceId"),
            DynamicPlatform = document.DynamicPlatform,
            CachedKeys = document.CachedKeys,
            SmtEnabled = document.SmtEnabled,
            QeId = Hex(document.QeId, "qeId"),
            QeSvn = (ushort)document.QeSvn,
        };
        platform.Validate();
        return platform;
    }

    private static byte[] Hex(string value, string field)
    {
        try
        {
            return Convert.FromHexString(value);
        }
        catch (FormatException)
        {
            throw new FormatException($"{field} is not a hex string");
        }
    }

    /// <summary>Source-generated, so the NativeAOT build reads and writes the file without reflection.</summary>
    [JsonSourceGenerationOptions(WriteIndented = true)]
    [JsonSerializable(typeof(Document))]
    private sealed partial class DocumentJsonContext : JsonSerializerContext;

    private sealed record Document
    {
        [JsonPropertyName("fmspc"), JsonRequired] public string Fmspc { get; init; } = "";
        [JsonPropertyName("pceId"), JsonRequired] public string PceId { get; init; } = "";
        [JsonPropertyName("ppid"), JsonRequired] public string Ppid { get; init; } = "";
        [JsonPropertyName("cpuSvn"), JsonRequired] public string CpuSvn { get; init; } = "";
        [JsonPropertyName("tcbComponents"), JsonRequired] public int[] TcbComponents { get; init; } = [];
        [JsonPropertyName("pceSvn"), JsonRequired] public int PceSvn { get; init; }
        [JsonPropertyName("sgxType"), JsonRequired] public string SgxType { get; init; } = "";
        [JsonPropertyName("platformInstanceId"), JsonRequired] public string PlatformInstanceId { get; init; } = "";
        [JsonPropertyName("dynamicPlatform")] public bool DynamicPlatform { get; init; }
        [JsonPropertyName("cachedKeys")] public bool CachedKeys { get; init; }
        [JsonPropertyName("smtEnabled")] public bool SmtEnabled { get; init; }
        [JsonPropertyName("qeId"), JsonRequired] public string QeId { get; init; } = "";
        [JsonPropertyName("qeSvn"), JsonRequired] public int QeSvn { get; init; }
    }
}
