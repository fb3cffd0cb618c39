using System.Text.Json.Serialization;

namespace Confcom.Sgx.Collateral;

/// <summary>Source-generated (trimming- and AOT-safe) JSON for the dcap-qvl collateral bundle.</summary>
[JsonSerializable(typeof(QuoteCollateral))]
internal sealed partial class QuoteCollateralJsonContext : JsonSerializerContext
{
    /// <summary>Bundles written to disk are indented, as dcap-qvl writes them.</summary>
    public static QuoteCollateralJsonContext Indented { get; } = new(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
}
