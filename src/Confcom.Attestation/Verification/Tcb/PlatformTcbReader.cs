using Confcom.Attestation.Verification.Pki;
using Confcom.Sgx.Pck;

namespace Confcom.Attestation.Verification.Tcb;

/// <summary>Takes what TCB matching needs from the codec's decoding of the PCK certificate's SGX extension.</summary>
internal static class PlatformTcbReader
{
    /// <summary>Throws <see cref="FormatException"/> (the codec's <see cref="PckExtensionFormatException"/>) naming the missing item.</summary>
    public static PlatformTcb Read(ParsedCertificate pck)
    {
        var der = pck.SgxExtension ?? throw new PckExtensionFormatException("SGX extension", ParsedCertificate.SgxExtensionOid, 0,
            $"certificate '{pck.Subject}' has no SGX extension; only Intel SGX PCK certificates carry one");
        return From(PckCertificateExtension.Parse(der.Span));
    }

    /// <summary>The same from a loaded certificate (collateral requests for a PCK certificate given by the caller).</summary>
    public static PlatformTcb Read(System.Security.Cryptography.X509Certificates.X509Certificate2 pck) => From(PckCertificateExtension.Parse(pck));

    private static PlatformTcb From(PckCertificateExtension extension) =>
        new(extension.Fmspc.ToArray(), extension.PceId.ToArray(), extension.Tcb.ComponentSvns.ToArray(), extension.Tcb.PceSvn);
}
