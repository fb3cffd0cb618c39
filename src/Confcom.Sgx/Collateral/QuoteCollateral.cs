using System.Text.Json;
using System.Text.Json.Serialization;

namespace Confcom.Sgx.Collateral;

/// <summary>
/// Everything a verifier needs besides the quote, in dcap-qvl's <c>QuoteCollateralV3</c> JSON shape so that
/// bundles move between Confcom and dcap-qvl unchanged. TCB info and QE identity are kept as the exact signed
/// text (re-serialising JSON would break their signatures); CRLs as DER bytes (hex in the file).
/// </summary>
public sealed record QuoteCollateral
{
    /// <summary>PEM, leaf (PCK Processor/Platform CA) first, then root: the chain of the PCK CRL's issuer.</summary>
    [JsonPropertyName("pck_crl_issuer_chain")]
    public required string PckCrlIssuerChain { get; init; }

    /// <summary>The root CA CRL.</summary>
    [JsonPropertyName("root_ca_crl")]
    [JsonConverter(typeof(HexBytesJsonConverter))]
    public required byte[] RootCaCrl { get; init; }

    /// <summary>The PCK CRL.</summary>
    [JsonPropertyName("pck_crl")]
    [JsonConverter(typeof(HexBytesJsonConverter))]
    public required byte[] PckCrl { get; init; }

    /// <summary>PEM, TCB Signing leaf first, then root.</summary>
    [JsonPropertyName("tcb_info_issuer_chain")]
    public required string TcbInfoIssuerChain { get; init; }

    /// <summary>The exact signed text of the inner <c>tcbInfo</c> object.</summary>
    [JsonPropertyName("tcb_info")]
    public required string TcbInfo { get; init; }

    /// <summary>Raw 64-byte r‖s ECDSA P-256 signature over <see cref="TcbInfo"/>'s UTF-8 bytes.</summary>
    [JsonPropertyName("tcb_info_signature")]
    [JsonConverter(typeof(HexBytesJsonConverter))]
    public required byte[] TcbInfoSignature { get; init; }

    /// <summary>The QE identity issuer chain.</summary>
    [JsonPropertyName("qe_identity_issuer_chain")]
    public required string QeIdentityIssuerChain { get; init; }

    /// <summary>The exact signed text of the inner <c>enclaveIdentity</c> object.</summary>
    [JsonPropertyName("qe_identity")]
    public required string QeIdentity { get; init; }

    /// <summary>The QE identity signature.</summary>
    [JsonPropertyName("qe_identity_signature")]
    [JsonConverter(typeof(HexBytesJsonConverter))]
    public required byte[] QeIdentitySignature { get; init; }

    /// <summary>Optional PEM chain leaf → PCK CA → root that overrides the chain inside the quote.</summary>
    [JsonPropertyName("pck_certificate_chain")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PckCertificateChain { get; init; }

    /// <summary>Reads a bundle; a missing field or bad hex names the field and the source.</summary>
    public static QuoteCollateral Parse(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize(json, QuoteCollateralJsonContext.Default.QuoteCollateral)
                ?? throw new FormatException($"collateral {source}: the file holds JSON null, expected an object");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"collateral {source}: {ex.Message}", ex);
        }
    }

    /// <summary>Far above any real bundle (tens of KiB); stops a wrong path or a device from being slurped.</summary>
    public const int MaxFileBytes = 8 * 1024 * 1024;

    /// <summary>Reads a bundle file (<c>-</c>: standard input), refusing more than <see cref="MaxFileBytes"/> while reading.</summary>
    public static QuoteCollateral Load(string path) =>
        Parse(BoundedInput.ReadAllText(path, MaxFileBytes, "a collateral bundle (tens of KiB)"), BoundedInput.Describe(path));

    /// <summary>The bundle as indented JSON, in the format DCAP-qvl reads.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, QuoteCollateralJsonContext.Indented.QuoteCollateral);

    /// <summary>Writes the bundle atomically (temp file + rename) so a reader never sees half a file.</summary>
    public void Save(string path)
    {
        var temp = path + ".tmp-" + Environment.ProcessId;
        File.WriteAllText(temp, ToJson());
        File.Move(temp, path, overwrite: true);
    }
}
