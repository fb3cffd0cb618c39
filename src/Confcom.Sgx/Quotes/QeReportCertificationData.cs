using Confcom.Sgx.Structures;

namespace Confcom.Sgx.Quotes;

/// <summary>
/// The QE's evidence inside the signature data: its report, that report's signature by the PCK key, the QE
/// authentication data and the certification data that leads to the PCK certificate. In v3 these fields sit
/// directly in the signature data; in v4/v5 they are the payload of the outer type-6 certification data block.
/// </summary>
public sealed class QeReportCertificationData
{
    /// <summary>Creates a QE report certification data.</summary>
    public QeReportCertificationData(SgxReportBody qeReport, ReadOnlyMemory<byte> qeReportSignature, ReadOnlyMemory<byte> authenticationData, CertificationData certificationData)
    {
        ArgumentNullException.ThrowIfNull(qeReport);
        ArgumentNullException.ThrowIfNull(certificationData);
        if (qeReportSignature.Length != QuoteConstants.EcdsaSignatureSize)
        {
            throw new ArgumentException($"QE report signature is {QuoteConstants.EcdsaSignatureSize} bytes (r‖s), got {qeReportSignature.Length}", nameof(qeReportSignature));
        }
        if (authenticationData.Length > ushort.MaxValue)
        {
            throw new ArgumentException($"authentication data is at most {ushort.MaxValue} bytes, got {authenticationData.Length}", nameof(authenticationData));
        }
        QeReport = qeReport;
        QeReportSignature = qeReportSignature;
        AuthenticationData = authenticationData;
        CertificationData = certificationData;
    }

    /// <summary>The QE report.</summary>
    public SgxReportBody QeReport { get; }

    /// <summary>Raw r‖s ECDSA P-256 signature by the PCK key over the 384 QE report bytes.</summary>
    public ReadOnlyMemory<byte> QeReportSignature { get; }

    /// <summary>The authentication data.</summary>
    public ReadOnlyMemory<byte> AuthenticationData { get; }

    /// <summary>The certification data.</summary>
    public CertificationData CertificationData { get; }

    /// <summary>Bytes these fields take in a quote (without any enclosing type-6 block header).</summary>
    public int EncodedLength =>
        SgxReportBody.Size + QuoteConstants.EcdsaSignatureSize + QuoteConstants.AuthenticationDataLengthSize
        + AuthenticationData.Length + CertificationData.EncodedLength;
}
