using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Confcom.Attestation.Collateral;
using Confcom.Sgx.Pck;
using Confcom.Sgx.Quotes;
using Confcom.Sgx.Collateral;

namespace Confcom.Attestation.Tests.Verification;

/// <summary>
/// A freshly generated Intel-shaped PKI (root, PCK Processor CA, PCK leaf carrying the real sample PCK's SGX
/// extension, TCB Signing) with real X.509 certificates and CRLs, to re-sign the sample collateral after a change
/// and so reach checks that sit behind the signatures (FMSPC match, report-data binding, revocation).
/// </summary>
internal sealed class TestPki : IDisposable
{
    private const string Dn = ", O=Test Corporation, L=Santa Clara, ST=CA, C=US";

    private readonly ECDsa _rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _pckKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _signingKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public TestPki(DateTimeOffset at, byte[]? quoteForPckExtension = null)
    {
        NotBefore = at.AddDays(-30);
        NotAfter = at.AddDays(30);
        var pckSgxExtension = PckExtensionOf(quoteForPckExtension ?? Samples.SgxQuote());

        var rootRequest = CaRequest("CN=Test SGX Root CA" + Dn, _rootKey);
        Root = rootRequest.CreateSelfSigned(NotBefore, NotAfter.AddYears(1));

        var caRequest = CaRequest("CN=Test SGX PCK Processor CA" + Dn, _caKey);
        caRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Root, true, false));
        using (var ca = caRequest.Create(Root, NotBefore, NotAfter.AddYears(1), Serial(2)))
        {
            PckCa = ca.CopyWithPrivateKey(_caKey);
        }

        var pckRequest = new CertificateRequest("CN=Test SGX PCK Certificate" + Dn, _pckKey, HashAlgorithmName.SHA256);
        pckRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        pckRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        pckRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(pckRequest.PublicKey, false));
        pckRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(PckCa, true, false));
        pckRequest.CertificateExtensions.Add(new X509Extension(SgxExtensionOids.SgxExtension, pckSgxExtension, false));
        Pck = pckRequest.Create(PckCa, NotBefore, NotAfter, Serial(3));

        var signingRequest = new CertificateRequest("CN=Test SGX TCB Signing" + Dn, _signingKey, HashAlgorithmName.SHA256);
        signingRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        signingRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        signingRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Root, true, false));
        TcbSigning = signingRequest.Create(Root, NotBefore, NotAfter, Serial(4));
    }

    public DateTimeOffset NotBefore { get; }

    public DateTimeOffset NotAfter { get; }

    public X509Certificate2 Root { get; }

    public X509Certificate2 PckCa { get; }

    public X509Certificate2 Pck { get; }

    public X509Certificate2 TcbSigning { get; }

    public string RootPem => Root.ExportCertificatePem() + "\n";

    public string PckChainPem => Pem(Pck, PckCa, Root);

    /// <summary>The sample collateral re-issued under this PKI, with optional replacement texts and revocations.</summary>
    public QuoteCollateral Resign(QuoteCollateral original, string? tcbInfo = null, string? qeIdentity = null,
        bool revokePck = false, bool revokePckCa = false)
    {
        tcbInfo ??= original.TcbInfo;
        qeIdentity ??= original.QeIdentity;
        var rootCrl = new CertificateRevocationListBuilder();
        if (revokePckCa)
        {
            rootCrl.AddEntry(PckCa, NotBefore);
        }
        var pckCrl = new CertificateRevocationListBuilder();
        if (revokePck)
        {
            pckCrl.AddEntry(Pck, NotBefore);
        }
        return original with
        {
            PckCrlIssuerChain = Pem(PckCa, Root),
            RootCaCrl = rootCrl.Build(Root, 1, NotAfter, HashAlgorithmName.SHA256, thisUpdate: NotBefore),
            PckCrl = pckCrl.Build(PckCa, 1, NotAfter, HashAlgorithmName.SHA256, thisUpdate: NotBefore),
            TcbInfoIssuerChain = Pem(TcbSigning, Root),
            TcbInfo = tcbInfo,
            TcbInfoSignature = SignJson(tcbInfo),
            QeIdentityIssuerChain = Pem(TcbSigning, Root),
            QeIdentity = qeIdentity,
            QeIdentitySignature = SignJson(qeIdentity),
            PckCertificateChain = PckChainPem,
        };
    }

    /// <summary>
    /// Re-signs the QE report with this PKI's PCK key: v3 has it at 564 (signature at 948); the TDX v4 sample at 770,
    /// inside the type-6 certification data (48 + 584 + 4 + 64 + 64 + 2 + 4).
    /// </summary>
    public byte[] ResignQeReport(byte[] quote, int qeReportOffset = 564)
    {
        var copy = (byte[])quote.Clone();
        var signature = _pckKey.SignData(copy.AsSpan(qeReportOffset, 384), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        signature.CopyTo(copy, qeReportOffset + 384);
        return copy;
    }

    /// <summary>
    /// Re-makes a v3 quote after <paramref name="editBody"/> changes the enclave report body (quote bytes 48..432):
    /// a new attestation key signs header and body, the QE report binds that key and is re-signed with the PCK key.
    /// </summary>
    public byte[] Reforge(byte[] quoteV3, Action<byte[]> editBody)
    {
        var copy = (byte[])quoteV3.Clone();
        editBody(copy);
        using var attestationKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var q = attestationKey.ExportParameters(false).Q;
        q.X!.CopyTo(copy, 500);
        q.Y!.CopyTo(copy, 532);
        attestationKey.SignData(copy.AsSpan(0, 432), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation).CopyTo(copy, 436);
        var authLength = BitConverter.ToUInt16(copy, 1012);
        SHA256.HashData(copy.AsSpan(500, 64).ToArray().Concat(copy.AsSpan(1014, authLength).ToArray()).ToArray()).CopyTo(copy, 564 + 320);
        return ResignQeReport(copy);
    }

    /// <summary>
    /// Re-makes a sample as a quote of another version (3, 4 or 5) with the codec's serializer: same header
    /// fields and enclave body, a new attestation key, the QE report bound to it and signed by this PKI's PCK key,
    /// and this PKI's PCK chain as (nested) certification data type 5.
    /// </summary>
    public byte[] RebuildAsVersion(byte[] sample, ushort version, Func<QuoteBody, QuoteBody>? editBody = null) =>
        Rebuild(Quote.Parse(sample, allowZeroPadding: true), version, editBody);

    private byte[] Rebuild(Quote sample, ushort version, Func<QuoteBody, QuoteBody>? editBody)
    {
        var header = QuoteHeader.Create(version, sample.Header.TeeType, sample.Header.QeSvn, sample.Header.PceSvn, sample.Header.UserData);
        var body = editBody is null ? sample.Body : editBody(sample.Body);
        using var attestationKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var q = attestationKey.ExportParameters(false).Q;
        byte[] publicKey = [.. q.X!, .. q.Y!];
        var qeSample = sample.Signature.QeReportCertificationData;
        var qeBytes = qeSample.QeReport.ToArray();
        SHA256.HashData([.. publicKey, .. qeSample.AuthenticationData.Span]).CopyTo(qeBytes, 320);
        var qeReport = Sgx.Structures.SgxReportBody.Parse(qeBytes);
        var qeSignature = _pckKey.SignData(qeBytes, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        var isvSignature = attestationKey.SignData(QuoteSerializer.SignedRegion(header, body), HashAlgorithmName.SHA256,
            DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        var certification = new CertificationData(CertificationDataType.PckCertificateChain, Encoding.ASCII.GetBytes(PckChainPem + "\0"));
        var signature = new EcdsaQuoteSignatureData(isvSignature, publicKey,
            new QeReportCertificationData(qeReport, qeSignature, qeSample.AuthenticationData.ToArray(), certification));
        return QuoteSerializer.Serialize(header, body, signature);
    }

    public byte[] SignJson(string text) => _signingKey.SignData(Encoding.UTF8.GetBytes(text), HashAlgorithmName.SHA256,
        DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    public void Dispose()
    {
        Root.Dispose();
        PckCa.Dispose();
        Pck.Dispose();
        TcbSigning.Dispose();
        _rootKey.Dispose();
        _caKey.Dispose();
        _pckKey.Dispose();
        _signingKey.Dispose();
    }

    private static CertificateRequest CaRequest(string subject, ECDsa key)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request;
    }

    private static byte[] Serial(byte n) => [0x10, n];

    private static string Pem(params X509Certificate2[] certificates) =>
        string.Concat(certificates.Select(c => c.ExportCertificatePem() + "\n"));

    private static byte[] PckExtensionOf(byte[] quoteBytes)
    {
        var quote = Quote.Parse(quoteBytes, allowZeroPadding: true);
        var collection = new X509Certificate2Collection();
        collection.ImportFromPem(quote.PckCertificateChainPem!);
        return collection[0].Extensions[SgxExtensionOids.SgxExtension]!.RawData;
    }
}
