namespace Confcom.Attestation.Verification;

/// <summary>The checks of the verification, in the order Intel's QvE/QVL performs them; a failure names one.</summary>
public enum VerificationCheck
{
    /// <summary>Quote header/structure: version, key type, TEE type, QE vendor, certification data (QVL 4.a, 4.f).</summary>
    QuoteFormat,

    /// <summary>The root certificate of a chain carries the trusted root public key.</summary>
    TrustedRoot,

    /// <summary>PCK certificate chain: structure, names, signatures (QvE step 1).</summary>
    PckCertificateChain,

    /// <summary>Root CA CRL: format, issuer, signature; intermediates not revoked.</summary>
    RootCaCrl,

    /// <summary>PCK CRL: format, issuer equals the PCK issuer, signature.</summary>
    PckCrl,

    /// <summary>The PCK certificate is listed in the PCK CRL.</summary>
    PckRevoked,

    /// <summary>TCB Info: issuer chain, format and signature over the exact JSON text (QvE step 2).</summary>
    TcbInfo,

    /// <summary>QE Identity: issuer chain, format and signature over the exact JSON text (QvE step 3).</summary>
    QeIdentity,

    /// <summary>The PCK certificate's SGX extension (FMSPC, PCE-ID, TCB) could not be read.</summary>
    PckCertificateExtension,

    /// <summary>TCB Info id/version does not fit the quote's TEE type (TCB_INFO_MISMATCH).</summary>
    TcbInfoTeeType,

    /// <summary>PCK FMSPC differs from the TCB Info's (TCB_INFO_MISMATCH).</summary>
    Fmspc,

    /// <summary>PCK PCE-ID differs from the TCB Info's (TCB_INFO_MISMATCH).</summary>
    PceId,

    /// <summary>TDX: MRSIGNERSEAM/SEAMATTRIBUTES differ from the TCB Info's TDX module (TDX_MODULE_MISMATCH).</summary>
    TdxModule,

    /// <summary>QE report signature by the PCK key (INVALID_QE_REPORT_SIGNATURE).</summary>
    QeReportSignature,

    /// <summary>QE report_data[0:32] = SHA-256(attestation key ‖ auth data) (INVALID_QE_REPORT_DATA).</summary>
    QeReportData,

    /// <summary>QE report against the QE Identity: id, MISCSELECT, ATTRIBUTES, MRSIGNER, ISVPRODID (QE_IDENTITY_MISMATCH).</summary>
    QeIdentityPolicy,

    /// <summary>QE ISVSVN has no level in the QE Identity, or the level is revoked.</summary>
    QeTcbLevel,

    /// <summary>ISV signature over header and body by the attestation key (INVALID_QUOTE_SIGNATURE).</summary>
    IsvSignature,

    /// <summary>Platform TCB level selection (TCB_NOT_SUPPORTED, TCB_REVOKED).</summary>
    TcbLevel,
}
