using Confcom.Sgx.Collateral;
using Confcom.Sgx.Quotes;

namespace Confcom.Attestation.Verification.Steps;

/// <summary>
/// QVL 4.i (4.1.2.4.14, 4.1.2.4.15, <c>EnclaveReportVerifier</c>): the QE Identity is for this TEE's QE; the QE
/// report's masked MISCSELECT and ATTRIBUTES, MRSIGNER and ISVPRODID match it; the first level the QE's ISVSVN
/// reaches gives the QE's TCB status.
/// </summary>
internal static class QeIdentityStep
{
    public static (EnclaveTcbLevel? Level, VerificationFailure? Failure) Check(Quote quote, QeIdentity identity)
    {
        var expectedId = quote.Header.TeeType == TeeType.Tdx ? "TD_QE" : "QE";
        if (identity.Id != expectedId)
        {
            return Mismatch($"QE Identity id '{identity.Id}' is not '{expectedId}' for this quote (QE_IDENTITY_MISMATCH)");
        }
        var report = quote.Signature.QeReportCertificationData.QeReport;
        var bytes = report.Bytes;
        if (!MaskedEquals(bytes.Slice(16, 4), identity.MiscSelectMask, identity.MiscSelect))
        {
            return Mismatch("QE MISCSELECT does not match the QE Identity under its mask (QE_IDENTITY_MISMATCH)");
        }
        if (!MaskedEquals(bytes.Slice(48, 16), identity.AttributesMask, identity.Attributes))
        {
            return Mismatch($"QE ATTRIBUTES {Convert.ToHexString(bytes.Slice(48, 16))} do not match the QE Identity under its mask (debug QE?) (QE_IDENTITY_MISMATCH)");
        }
        if (!report.MrSigner.SequenceEqual(identity.MrSigner))
        {
            return Mismatch($"QE MRSIGNER {Convert.ToHexString(report.MrSigner)} is not the QE Identity's {Convert.ToHexString(identity.MrSigner)} (QE_IDENTITY_MISMATCH)");
        }
        if (report.IsvProdId != identity.IsvProdId)
        {
            return Mismatch($"QE ISVPRODID {report.IsvProdId} is not the QE Identity's {identity.IsvProdId} (QE_IDENTITY_MISMATCH)");
        }
        foreach (var level in identity.TcbLevels)
        {
            if (level.IsvSvn <= report.IsvSvn)
            {
                return (level, null);
            }
        }
        return (null, VerificationFailure.Of(VerificationCheck.QeTcbLevel,
            $"QE ISVSVN {report.IsvSvn} is below every level of the QE Identity (ISVSVN_NOT_SUPPORTED)"));
    }

    private static (EnclaveTcbLevel?, VerificationFailure?) Mismatch(string message) =>
        (null, VerificationFailure.Of(VerificationCheck.QeIdentityPolicy, message));

    private static bool MaskedEquals(ReadOnlySpan<byte> value, byte[] mask, byte[] expected)
    {
        var equal = true;
        for (var i = 0; i < value.Length; i++)
        {
            equal &= (value[i] & mask[i]) == expected[i];
        }
        return equal;
    }
}
