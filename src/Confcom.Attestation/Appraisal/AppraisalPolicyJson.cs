using System.Text.Json;
using Confcom.Sgx.Collateral;

namespace Confcom.Attestation.Appraisal;

/// <summary>
/// Reads the policy document (docs/verifier.md, "Appraisal policy") with <see cref="JsonDocument"/>: every member is
/// known, typed and validated, and an unknown key is an error, so a typo never silently turns a check off.
/// </summary>
internal static class AppraisalPolicyJson
{
    private static readonly string[] TopLevel =
    [
        "version", "acceptedTcbStatuses", "allowedAdvisoryIds", "rejectedAdvisoryIds", "minTcbEvaluationDataNumber",
        "allowExpiredCollateral", "allowNotYetValidCollateral", "maxCollateralAgeSeconds", "allowDebug", "reportData",
        "reportDataSha256Of", "sgx", "tdx", "description",
    ];

    private static readonly string[] SgxMembers =
        ["mrEnclave", "mrSigner", "isvProdId", "minIsvSvn", "isvExtProdId", "isvFamilyId", "configId", "minConfigSvn"];

    private static readonly string[] TdxMembers =
        ["mrTd", "rtmr0", "rtmr1", "rtmr2", "rtmr3", "mrConfigId", "mrOwner", "mrOwnerConfig", "minTeeTcbSvn"];

    public static AppraisalPolicy Parse(string json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{source}: not valid JSON ({ex.Message})", ex);
        }
        using (document)
        {
            var reader = new Reader(source);
            var root = document.RootElement;
            reader.Members(root, "", TopLevel);
            if (root.TryGetProperty("version", out var version) && reader.Int(version, "version", 1, 1) != 1)
            {
                throw reader.Error("version", "must be 1");
            }
            var policy = new AppraisalPolicy
            {
                AcceptedTcbStatuses = root.TryGetProperty("acceptedTcbStatuses", out var statuses)
                    ? reader.Statuses(statuses, "acceptedTcbStatuses")
                    : AppraisalPolicy.DefaultAcceptedTcbStatuses,
                AllowedAdvisoryIds = root.TryGetProperty("allowedAdvisoryIds", out var allowed) ? reader.Strings(allowed, "allowedAdvisoryIds") : null,
                RejectedAdvisoryIds = root.TryGetProperty("rejectedAdvisoryIds", out var rejected) ? reader.Strings(rejected, "rejectedAdvisoryIds") : [],
                MinTcbEvaluationDataNumber = reader.OptionalInt(root, "minTcbEvaluationDataNumber", "", 0, int.MaxValue),
                AllowExpiredCollateral = reader.OptionalBool(root, "allowExpiredCollateral", ""),
                AllowNotYetValidCollateral = reader.OptionalBool(root, "allowNotYetValidCollateral", ""),
                MaxCollateralAge = reader.OptionalInt(root, "maxCollateralAgeSeconds", "", 0, int.MaxValue) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
                AllowDebug = reader.OptionalBool(root, "allowDebug", ""),
                ReportData = reader.OptionalString(root, "reportData", ""),
                ReportDataSha256Of = reader.OptionalString(root, "reportDataSha256Of", ""),
                Sgx = root.TryGetProperty("sgx", out var sgx) ? reader.Sgx(sgx) : null,
                Tdx = root.TryGetProperty("tdx", out var tdx) ? reader.Tdx(tdx) : null,
            };
            try
            {
                policy.Validate();
            }
            catch (ArgumentException ex)
            {
                throw new FormatException($"{source}: {ex.Message.Split(" (Parameter", 2)[0]}", ex);
            }
            return policy;
        }
    }

    private sealed class Reader(string source)
    {
        public FormatException Error(string path, string detail) => new($"{source}: {path} {detail}");

        public void Members(JsonElement obj, string prefix, string[] known)
        {
            if (obj.ValueKind != JsonValueKind.Object)
            {
                throw Error(prefix.Length == 0 ? "the document" : prefix.TrimEnd('.'), $"must be a JSON object, found {obj.ValueKind}");
            }
            foreach (var member in obj.EnumerateObject())
            {
                if (!known.Contains(member.Name, StringComparer.Ordinal))
                {
                    throw Error(prefix + member.Name, $"is not a policy key (known here: {string.Join(", ", known)})");
                }
            }
        }

        public int Int(JsonElement value, string path, int min, int max) =>
            value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= min && n <= max
                ? n
                : throw Error(path, $"must be an integer in {min}..{max}, found {Shown(value)}");

        public int? OptionalInt(JsonElement obj, string name, string prefix, int min, int max) =>
            obj.TryGetProperty(name, out var value) ? Int(value, prefix + name, min, max) : null;

        public bool OptionalBool(JsonElement obj, string name, string prefix) =>
            obj.TryGetProperty(name, out var value) && (value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw Error(prefix + name, $"must be true or false, found {Shown(value)}"),
            });

        public string? OptionalString(JsonElement obj, string name, string prefix) =>
            obj.TryGetProperty(name, out var value)
                ? value.ValueKind == JsonValueKind.String ? value.GetString() : throw Error(prefix + name, $"must be a string, found {Shown(value)}")
                : null;

        public string[] Strings(JsonElement value, string path)
        {
            if (value.ValueKind != JsonValueKind.Array)
            {
                throw Error(path, $"must be an array of strings, found {Shown(value)}");
            }
            var strings = new List<string>();
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                strings.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : throw Error($"{path}[{i}]", $"must be a string, found {Shown(item)}"));
                i++;
            }
            return [.. strings];
        }

        public TcbStatus[] Statuses(JsonElement value, string path)
        {
            var names = Strings(value, path);
            var statuses = new TcbStatus[names.Length];
            for (var i = 0; i < names.Length; i++)
            {
                if (!TcbStatusNames.TryParse(names[i], out statuses[i]))
                {
                    throw Error($"{path}[{i}]", $"'{names[i]}' is not a TCB status (UpToDate, SWHardeningNeeded, ConfigurationNeeded, ConfigurationAndSWHardeningNeeded, OutOfDate, OutOfDateConfigurationNeeded, TDRelaunchAdvised, TDRelaunchAdvisedConfigurationNeeded)");
                }
            }
            return statuses;
        }

        public ushort? OptionalUShort(JsonElement obj, string name, string prefix) =>
            OptionalInt(obj, name, prefix, 0, ushort.MaxValue) is { } n ? (ushort)n : null;

        public SgxEnclavePolicy Sgx(JsonElement obj)
        {
            Members(obj, "sgx.", SgxMembers);
            return new SgxEnclavePolicy
            {
                MrEnclave = obj.TryGetProperty("mrEnclave", out var mrEnclave) ? Strings(mrEnclave, "sgx.mrEnclave") : null,
                MrSigner = obj.TryGetProperty("mrSigner", out var mrSigner) ? Strings(mrSigner, "sgx.mrSigner") : null,
                IsvProdId = OptionalUShort(obj, "isvProdId", "sgx."),
                MinIsvSvn = OptionalUShort(obj, "minIsvSvn", "sgx."),
                IsvExtProdId = OptionalString(obj, "isvExtProdId", "sgx."),
                IsvFamilyId = OptionalString(obj, "isvFamilyId", "sgx."),
                ConfigId = OptionalString(obj, "configId", "sgx."),
                MinConfigSvn = OptionalUShort(obj, "minConfigSvn", "sgx."),
            };
        }

        public TdxTdPolicy Tdx(JsonElement obj)
        {
            Members(obj, "tdx.", TdxMembers);
            return new TdxTdPolicy
            {
                MrTd = obj.TryGetProperty("mrTd", out var mrTd) ? Strings(mrTd, "tdx.mrTd") : null,
                Rtmr0 = OptionalString(obj, "rtmr0", "tdx."),
                Rtmr1 = OptionalString(obj, "rtmr1", "tdx."),
                Rtmr2 = OptionalString(obj, "rtmr2", "tdx."),
                Rtmr3 = OptionalString(obj, "rtmr3", "tdx."),
                MrConfigId = OptionalString(obj, "mrConfigId", "tdx."),
                MrOwner = OptionalString(obj, "mrOwner", "tdx."),
                MrOwnerConfig = OptionalString(obj, "mrOwnerConfig", "tdx."),
                MinTeeTcbSvn = OptionalString(obj, "minTeeTcbSvn", "tdx."),
            };
        }

        private static string Shown(JsonElement value)
        {
            var text = value.ValueKind == JsonValueKind.Undefined ? "nothing" : value.GetRawText();
            return text.Length <= 40 ? text : text[..40] + "…";
        }
    }
}
