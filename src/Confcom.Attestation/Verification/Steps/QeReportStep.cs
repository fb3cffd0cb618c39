using System.Security.Cryptography;
using Confcom.Sgx.Quotes;

namespace Confcom.Attestation.Verification.Steps;

/// <summary>
/// QVL 4.g and 4.h (4.1.2.4.12, 4.1.2.4.13): the QE report is signed by the PCK key, and its report_data binds the
/// attestation key and the QE authentication data (SHA-256 of both, any auth-data length).
/// </summary>
internal static class QeReportStep
{
    public static VerificationFailure? Check(Quote quote, ECDsa pckKey)
    {
        var qe = quote.Signature.QeReportCertificationData;
        if (!pckKey.VerifyData(qe.QeReport.Bytes, qe.QeReportSignature.Span, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
        {
            return VerificationFailure.Of(VerificationCheck.QeReportSignature, "the QE report signature does not verify with the PCK certificate's key");
        }
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(quote.Signature.AttestationPublicKey.Span);
        hash.AppendData(qe.AuthenticationData.Span);
        Span<byte> expected = stackalloc byte[32];
        hash.GetHashAndReset(expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, qe.QeReport.ReportData[..32]))
        {
            return VerificationFailure.Of(VerificationCheck.QeReportData,
                "QE report_data[0:32] is not SHA-256(attestation key ‖ QE authentication data): the attestation key is not the one the QE certified (INVALID_QE_REPORT_DATA)");
        }
        return null;
    }
}
