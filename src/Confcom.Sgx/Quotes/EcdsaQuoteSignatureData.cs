namespace Confcom.Sgx.Quotes;

/// <summary>
/// The ECDSA-P256 signature data that follows <c>signature_data_len</c>: the ISV signature over the signed region,
/// the attestation public key and the QE report certification data.
/// </summary>
public sealed class EcdsaQuoteSignatureData
{
    /// <summary>Creates an ecdsa quote signature data.</summary>
    public EcdsaQuoteSignatureData(ReadOnlyMemory<byte> isvSignature, ReadOnlyMemory<byte> attestationPublicKey, QeReportCertificationData qeReportCertificationData)
    {
        ArgumentNullException.ThrowIfNull(qeReportCertificationData);
        if (isvSignature.Length != QuoteConstants.EcdsaSignatureSize)
        {
            throw new ArgumentException($"ISV signature is {QuoteConstants.EcdsaSignatureSize} bytes (r‖s), got {isvSignature.Length}", nameof(isvSignature));
        }
        if (attestationPublicKey.Length != QuoteConstants.EcdsaPublicKeySize)
        {
            throw new ArgumentException($"attestation public key is {QuoteConstants.EcdsaPublicKeySize} bytes (X‖Y), got {attestationPublicKey.Length}", nameof(attestationPublicKey));
        }
        IsvSignature = isvSignature;
        AttestationPublicKey = attestationPublicKey;
        QeReportCertificationData = qeReportCertificationData;
    }

    /// <summary>Raw r‖s ECDSA P-256 signature over <see cref="Quote.SignedRegion"/>.</summary>
    public ReadOnlyMemory<byte> IsvSignature { get; }

    /// <summary>Raw uncompressed P-256 point X‖Y (no 0x04 prefix).</summary>
    public ReadOnlyMemory<byte> AttestationPublicKey { get; }

    /// <summary>The QE report certification data.</summary>
    public QeReportCertificationData QeReportCertificationData { get; }

    /// <summary>The certification data that leads to the PCK certificate (v3: direct; v4/v5: nested in type 6).</summary>
    public CertificationData CertificationData => QeReportCertificationData.CertificationData;

    /// <summary>Value of <c>signature_data_len</c> for a quote of <paramref name="version"/> carrying this data.</summary>
    public int EncodedLength(ushort version)
    {
        var flat = QuoteConstants.EcdsaSignatureSize + QuoteConstants.EcdsaPublicKeySize + QeReportCertificationData.EncodedLength;
        return version == QuoteConstants.Version3 ? flat : flat + QuoteConstants.CertificationDataHeaderSize;
    }
}
