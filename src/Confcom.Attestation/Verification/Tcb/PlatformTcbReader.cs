using System.Security.Cryptography.X509Certificates;
using Confcom.Sgx.Pck;

namespace Confcom.Attestation.Verification.Tcb;

/// <summary>Takes what TCB matching needs from the codec's decoding of the PCK certificate's SGX extension.</summary>
internal static class PlatformTcbReader
{
    /// <summary>Throws <see cref="FormatException"/> (the codec's <see cref="PckExtensionFormatException"/>) naming the missing item.</summary>
    public static PlatformTcb Read(X509Certificate2 pck)
    {
        var extension = PckCertificateExtension.Parse(pck);
        return new PlatformTcb(extension.Fmspc.ToArray(), extension.PceId.ToArray(), extension.Tcb.ComponentSvns.ToArray(), extension.Tcb.PceSvn);
    }
}
