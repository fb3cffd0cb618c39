using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Confcom.Simulation.Identity;

/// <summary>A certificate together with the P-256 private key of its subject (a simulated CA, signer or PCK).</summary>
public sealed class SigningIdentity : IDisposable
{
    internal SigningIdentity(X509Certificate2 certificate, ECDsa key)
    {
        Certificate = certificate;
        Key = key;
    }

    public X509Certificate2 Certificate { get; }

    internal ECDsa Key { get; }

    public string CertificatePem => Certificate.ExportCertificatePem() + "\n";

    public void Dispose()
    {
        Key.Dispose();
        Certificate.Dispose();
    }

    internal bool KeyMatchesCertificate()
    {
        using var certificateKey = Certificate.GetECDsaPublicKey();
        return certificateKey is not null &&
            certificateKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(Key.ExportSubjectPublicKeyInfo());
    }
}
