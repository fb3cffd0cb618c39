using System.Security.Cryptography.X509Certificates;
using Confcom.Attestation.Verification.Pki;
using Confcom.Attestation.Verification.Tcb;
using Confcom.Sgx.Collateral;
using Confcom.Sgx.Quotes;

namespace Confcom.Attestation.Collateral;

/// <summary>What identifies a platform's collateral: FMSPC, the PCK CA type and the TEE.</summary>
/// <param name="Fmspc">6 bytes as 12 upper-case hex digits.</param>
public sealed record CollateralRequest(string Fmspc, PckCaType CaType, CollateralTee Tee)
{
    /// <summary>FMSPC: the Family-Model-Stepping-Platform-CustomSKU that selects the platform's TCB Info.</summary>
    public string Fmspc { get; } = Fmspc.Length == 12 && Fmspc.All(Uri.IsHexDigit)
        ? Fmspc.ToUpperInvariant()
        : throw new ArgumentException($"FMSPC must be 12 hex digits, got '{Fmspc}'", nameof(Fmspc));

    /// <summary>Reads FMSPC and CA type from the PCK certificate inside the quote (certification data type 5).</summary>
    public static CollateralRequest ForQuote(Quote quote)
    {
        ArgumentNullException.ThrowIfNull(quote);
        var pem = quote.PckCertificateChainPem
            ?? throw new FormatException($"the quote carries certification data type {(int)quote.Signature.CertificationData.Type}, not a PCK certificate chain: FMSPC unknown");
        var tee = quote.Header.TeeType == TeeType.Tdx ? CollateralTee.Tdx : CollateralTee.Sgx;
        var pck = ParsedCertificate.Parse(PemCertificateChain.Decode(pem, "PCK certificate chain")[0]);
        var issuer = pck.IssuerName.Span;
        return Create(new System.Security.Cryptography.X509Certificates.X500DistinguishedName(issuer).Name, PlatformTcbReader.Read(pck), tee);
    }

    /// <summary>The request for a PCK certificate: its FMSPC and issuing CA (from the certificate) and the quote's TEE.</summary>
    public static CollateralRequest ForPckCertificate(X509Certificate2 pck, CollateralTee tee)
    {
        ArgumentNullException.ThrowIfNull(pck);
        return Create(pck.Issuer, PlatformTcbReader.Read(pck), tee);
    }

    private static CollateralRequest Create(string issuer, PlatformTcb platform, CollateralTee tee)
    {
        var caType = issuer.Contains("Platform", StringComparison.Ordinal) ? PckCaType.Platform
            : issuer.Contains("Processor", StringComparison.Ordinal) ? PckCaType.Processor
            : throw new FormatException($"PCK issuer '{issuer}' is neither a Processor nor a Platform CA");
        return new CollateralRequest(Convert.ToHexString(platform.Fmspc), caType, tee);
    }

    /// <summary>The <c>ca=</c> query value.</summary>
    public string CaQuery => CaType == PckCaType.Platform ? "platform" : "processor";

    /// <summary>The PCS tree that serves this TEE's TCB Info and QE Identity.</summary>
    public string PcsPrefix => PcsApi.Prefix(Tee == CollateralTee.Tdx);

    /// <summary>FMSPC, CA and TEE, for logs and error messages.</summary>
    public override string ToString() => $"FMSPC {Fmspc}, {CaQuery} CA, {(Tee == CollateralTee.Tdx ? "tdx" : "sgx")}";
}
