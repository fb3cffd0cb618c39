using System.Globalization;
using System.Text.Json;

namespace Confcom.Sgx.Collateral;

/// <summary>
/// One node of a collateral JSON document together with its path. Every typed read checks the JSON kind first and
/// fails with a <see cref="CollateralFormatException"/> naming the path, so a validly signed document with a wrong
/// shape (an array where an object belongs, a string for an SVN) is a format error, never an
/// <see cref="InvalidOperationException"/> from <see cref="JsonElement"/>.
/// </summary>
internal readonly struct CollateralJsonField
{
    // Raw text quoted in messages is cut here: a hostile value may be megabytes long.
    private const int MaxQuotedLength = 40;

    private readonly JsonElement _value;

    private CollateralJsonField(JsonElement value, string document, string path)
    {
        _value = value;
        Document = document;
        Path = path;
    }

    public string Document { get; }

    public string Path { get; }

    public JsonValueKind Kind => _value.ValueKind;

    /// <summary>The root of <paramref name="json"/>, which must be an object.</summary>
    public static CollateralJsonField Root(JsonDocument json, string document)
    {
        var root = new CollateralJsonField(json.RootElement, document, "");
        return root.Kind == JsonValueKind.Object ? root : throw root.Error($"must be a JSON object, found {root.Found()}");
    }

    public CollateralJsonField Property(string name) =>
        TryProperty(name, out var field) ? field : throw new CollateralFormatException(Document, Child(name), "is missing");

    public bool TryProperty(string name, out CollateralJsonField field)
    {
        RequireObject();
        if (_value.TryGetProperty(name, out var value))
        {
            field = new CollateralJsonField(value, Document, Child(name));
            return true;
        }
        field = default;
        return false;
    }

    /// <summary>The elements of an array, each with its indexed path.</summary>
    public List<CollateralJsonField> Items()
    {
        if (Kind != JsonValueKind.Array)
        {
            throw Error($"must be an array, found {Found()}");
        }
        var items = new List<CollateralJsonField>(_value.GetArrayLength());
        var index = 0;
        foreach (var item in _value.EnumerateArray())
        {
            items.Add(new CollateralJsonField(item, Document, $"{Path}[{index++}]"));
        }
        return items;
    }

    public int Int() =>
        Kind == JsonValueKind.Number && _value.TryGetInt32(out var n) ? n : throw Error($"must be an integer, found {Found()}");

    /// <summary>An integer in <paramref name="min"/>..<paramref name="max"/> (SVNs, product ids).</summary>
    public int Int(int min, int max)
    {
        var n = Int();
        return n >= min && n <= max ? n : throw Error($"is {n}, outside {min}..{max}");
    }

    public string String() =>
        Kind == JsonValueKind.String ? _value.GetString()! : throw Error($"must be a string, found {Found()}");

    public byte[] Hex(int length)
    {
        var text = String();
        if (text.Length != length * 2)
        {
            throw Error($"must be {length * 2} hex digits, found {text.Length}");
        }
        try
        {
            return Convert.FromHexString(text);
        }
        catch (FormatException)
        {
            throw Error("is not hex");
        }
    }

    public DateTimeOffset Date()
    {
        var text = String();
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
            ? date
            : throw Error($"is not an ISO-8601 date: '{Quote(text)}'");
    }

    /// <summary>A <c>tcbStatus</c> as collateral may carry it (the TD relaunch statuses are computed, never served).</summary>
    public TcbStatus Status()
    {
        var text = String();
        return Enum.TryParse<TcbStatus>(text, ignoreCase: false, out var status) && Enum.IsDefined(status) && !int.TryParse(text, out _)
                && status is not (TcbStatus.TdRelaunchAdvised or TcbStatus.TdRelaunchAdvisedConfigurationNeeded)
            ? status
            : throw Error($"is an unknown TCB status '{Quote(text)}'");
    }

    /// <summary>An optional array of strings (e.g. <c>advisoryIDs</c>); absent means empty.</summary>
    public IReadOnlyList<string> OptionalStrings(string name)
    {
        if (!TryProperty(name, out var field))
        {
            return [];
        }
        var items = field.Items();
        var strings = new string[items.Count];
        for (var i = 0; i < strings.Length; i++)
        {
            strings[i] = items[i].String();
        }
        return strings;
    }

    public CollateralFormatException Error(string detail) => new(Document, Path, detail);

    private void RequireObject()
    {
        if (Kind != JsonValueKind.Object)
        {
            throw Error($"must be an object, found {Found()}");
        }
    }

    private string Child(string name) => Path.Length == 0 ? name : $"{Path}.{name}";

    private string Found() => Kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{Quote(_value.GetString()!)}\"",
        JsonValueKind.Undefined => "nothing",
        _ => Quote(_value.GetRawText()),
    };

    private static string Quote(string text) => text.Length <= MaxQuotedLength ? text : text[..MaxQuotedLength] + "…";
}
