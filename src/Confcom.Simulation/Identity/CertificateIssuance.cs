using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Confcom.Simulation.Identity;

/// <summary>
/// Issues the simulated certificates with the extensions QVL requires of every certificate in the chain
/// (SKI, AKI, CRL distribution point, KeyUsage, BasicConstraints), ECDSA P-256 with SHA-256.
/// </summary>
internal static class CertificateIssuance
{
    /// <summary>Where verifiers would fetch CRLs; a reserved name, since the simulated PCS serves them instead.</summary>
    public const string RootCrlUrl = "https://simulated-pcs.invalid/sgx/certification/v4/rootcacrl";
    public const string PckCrlUrl = "https://simulated-pcs.invalid/sgx/certification/v4/pckcrl?ca=platform&encoding=der";

    public static SigningIdentity CreateRoot(DateTimeOffset now)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(SimulatedDistinguishedNames.Create(SimulatedDistinguishedNames.RootCommonName), key, HashAlgorithmName.SHA256);
        var ski = new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false);
        request.CertificateExtensions.Add(ski);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(ski));
        request.CertificateExtensions.Add(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([RootCrlUrl]));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 1, critical: true));
        using var signed = request.CreateSelfSigned(now.AddDays(-1), RootNotAfter);
        return new SigningIdentity(X509CertificateLoader.LoadCertificate(signed.RawData), key);
    }

    public static SigningIdentity CreateIntermediateCa(SigningIdentity root, string commonName, DateTimeOffset now)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = NewRequest(commonName, key, root);
        request.CertificateExtensions.Add(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([RootCrlUrl]));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, critical: true));
        return Sign(request, key, root, now.AddDays(-1), RootNotAfter);
    }

    public static SigningIdentity CreateTcbSigner(SigningIdentity root, DateTimeOffset now)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = NewRequest(SimulatedDistinguishedNames.TcbSigningCommonName, key, root);
        request.CertificateExtensions.Add(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([RootCrlUrl]));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, critical: true));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        return Sign(request, key, root, now.AddDays(-1), RootNotAfter);
    }

    /// <summary>A PCK leaf: Intel's shape (digitalSignature + nonRepudiation, not a CA) plus the SGX extension.</summary>
    public static SigningIdentity CreatePck(SigningIdentity pckCa, X509Extension sgxExtension, DateTimeOffset now)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = NewRequest(SimulatedDistinguishedNames.PckCommonName, key, pckCa);
        request.CertificateExtensions.Add(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([PckCrlUrl]));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, critical: true));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(sgxExtension);
        return Sign(request, key, pckCa, now.AddDays(-1), Min(now.AddYears(7), RootNotAfter));
    }

    private static readonly DateTimeOffset RootNotAfter = new(2049, 12, 31, 23, 59, 59, TimeSpan.Zero);

    private static CertificateRequest NewRequest(string commonName, ECDsa key, SigningIdentity issuer)
    {
        var request = new CertificateRequest(SimulatedDistinguishedNames.Create(commonName), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer.Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        return request;
    }

    private static SigningIdentity Sign(CertificateRequest request, ECDsa key, SigningIdentity issuer, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var generator = X509SignatureGenerator.CreateForECDsa(issuer.Key);
        using var signed = request.Create(issuer.Certificate.SubjectName, generator, notBefore, notAfter, NewSerialNumber());
        return new SigningIdentity(X509CertificateLoader.LoadCertificate(signed.RawData), key);
    }

    /// <summary>16 random bytes, positive and without a leading zero byte, like Intel's serials.</summary>
    private static byte[] NewSerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        return serial;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
